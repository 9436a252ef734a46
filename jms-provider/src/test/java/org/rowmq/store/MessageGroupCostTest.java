package org.rowmq.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.testsupport.TestDatabase;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rowmq.store.Messages.message;
import static org.rowmq.store.MessageGroupTest.grouped;

/**
 * What message groups cost, counted in statements: an ungrouped send and claim run exactly the statements they ran
 * before groups existed; a claim that took grouped messages runs one more (the batch making their groups stick). And
 * on PostgreSQL, the claim's plan reaches grouped rows through indexes only.
 */
class MessageGroupCostTest {

    static Stream<TestDatabase> databases() {
        return TestDatabase.all();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void ungroupedMessagesRunNoExtraStatementAndGroupedClaimsRunOne(TestDatabase db) throws Exception {
        String plain = TestDatabase.unique("cost-plain");
        String groups = TestDatabase.unique("cost-groups");
        try (OpenStore store = OpenStore.open(db.config()); Connection real = db.connect()) {
            Dialect dialect = Dialect.of(real.getMetaData());
            List<String> statements = new ArrayList<>();
            Connection c = counting(real, statements);

            Rows rows = new Rows();
            rows.addInline(message(plain, "a"));
            rows.addInline(message(plain, "b"));
            new MessageWriter(dialect, null).insert(c, rows, 1L);
            assertEquals(List.of(Dialect.INSERT_MESSAGE), statements, "an ungrouped batch keeps its statement");
            if (!real.getAutoCommit()) real.commit();

            statements.clear();
            Claimer claimer = new Claimer(dialect);
            assertEquals(2, claimer.claim(c, plain, store.nodeId(), 1, 0, Long.MAX_VALUE / 4, 10, null, null).messages().size());
            int plainClaim = statements.size();
            assertEquals(db.kind() == TestDatabase.Kind.POSTGRESQL ? 1 : 3,
                    plainClaim, "the claim's statements as documented: " + statements);
            assertTrue(statements.stream().noneMatch(s -> s.startsWith("INSERT INTO rowmq_group") || s.startsWith("MERGE")),
                    "nothing about groups for ungrouped messages: " + statements);

            store.send(List.of(grouped(groups, "g1", "1"), grouped(groups, "g2", "2"), grouped(groups, "g1", "3")))
                    .get(30, TimeUnit.SECONDS);
            statements.clear();
            assertEquals(2, claimer.claim(c, groups, store.nodeId(), 2, 0, Long.MAX_VALUE / 4, 10, null, null).messages().size());
            assertEquals(plainClaim + 1, statements.size(), "one batch more for the groups' stickiness: " + statements);
            assertEquals(dialect.stickGroup(), statements.get(statements.size() - 1));
        }
    }

    /** The claim's plan on PostgreSQL, printed, with a backlog of grouped messages behind heads in flight. */
    @Test
    void thePostgresClaimReachesGroupedRowsThroughIndexes() throws Exception {
        TestDatabase db = TestDatabase.postgresql();
        String queue = TestDatabase.unique("plan");
        try (OpenStore store = OpenStore.open(db.config()); Connection c = db.connect()) {
            List<OutgoingMessage> batch = new ArrayList<>();
            for (int seq = 0; seq < 50; seq++) {
                for (int g = 0; g < 100; g++) batch.add(grouped(queue, "g" + g, "g" + g + "-" + seq));
                batch.add(message(queue, "plain-" + seq));
            }
            store.send(batch).get(60, TimeUnit.SECONDS);
            store.claim(queue, 100, null); // heads in flight: the rest of each group waits behind them
            try (var s = c.createStatement()) {
                s.execute("ANALYZE rowmq_message");
                s.execute("ANALYZE rowmq_group");
            }
            List<String> plan = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + new PostgresDialect().claimHeadText(10))) {
                ps.setString(1, "explain-node");
                ps.setLong(2, 1);
                ps.setInt(3, 0);
                ps.setString(4, queue);
                ps.setLong(5, Long.MAX_VALUE / 4);
                ps.setLong(6, Long.MAX_VALUE / 4);
                ps.setString(7, "explain-node");
                ps.setInt(8, 0);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) plan.add(rs.getString(1));
                }
            }
            String text = String.join("\n", plan);
            System.out.println("EXPLAIN of the PostgreSQL claim (5,050 rows, 100 groups with their heads in flight):\n" + text);
            assertTrue(text.contains("rowmq_message_ready"), "the candidates come from the ready index:\n" + text);
            assertTrue(text.contains("rowmq_message_group"), "a group's earlier rows are probed by index:\n" + text);
            assertFalse(text.contains("Seq Scan on rowmq_message"), "no scan of the message table:\n" + text);
        }
    }

    /** A connection that records the text of every statement prepared on it. */
    private static Connection counting(Connection real, List<String> statements) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("prepareStatement")) statements.add((String) args[0]);
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
