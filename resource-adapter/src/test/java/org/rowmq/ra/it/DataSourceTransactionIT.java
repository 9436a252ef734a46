package org.rowmq.ra.it;

import jakarta.annotation.Resource;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.transaction.UserTransaction;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The datasource-transaction mode on PostgreSQL: the connection definition rowmq-ds names the non-XA datasource AppDS,
 * so inside a JTA transaction the message is written on AppDS's enlisted connection. The business row and the message
 * commit together and roll back together, and the transaction has one participant: AppDS.
 */
@ExtendWith(ArquillianExtension.class)
public class DataSourceTransactionIT {

    @Deployment
    static WebArchive app() {
        return Archives.war("dsmode", Orders.class, Participants.class, DataSourceMdb.class)
                .setManifest(new StringAsset("Manifest-Version: 1.0\nDependencies: jakarta.jms.api, org.jboss.jts\n"));
    }

    @Resource(lookup = "java:/jms/rowmq-ds")
    ConnectionFactory cf;

    @Resource(lookup = "java:/jdbc/AppDS")
    DataSource app;

    @Resource
    UserTransaction tx;

    /** PostgreSQL must be there when the build says databases are required (CI); otherwise the test is skipped. */
    @BeforeEach
    void schema() throws SQLException {
        try (Connection c = app.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS rowmq_ra_it");
        } catch (SQLException e) {
            if ("required".equals(System.getProperty("rowmq.test.databases"))) throw e;
            assumeTrue(false, "PostgreSQL on 127.0.0.1:5432 is not reachable: " + e.getMessage());
        }
        Orders.createTable(app);
    }

    private String receive(String queue) {
        try (JMSContext ctx = cf.createContext()) {
            return ctx.createConsumer(ctx.createQueue(queue)).receiveBody(String.class, 2000);
        }
    }

    @Test
    public void rowAndMessageCommitTogetherWithOneParticipant() throws Exception {
        String id = UUID.randomUUID().toString();
        tx.begin();
        Orders.insert(app, id);
        try (JMSContext ctx = cf.createContext()) {
            ctx.createProducer().send(ctx.createQueue("it.dsmode"), id);
        }
        List<String> participants = Participants.current();
        tx.commit();
        assertEquals(1, participants.size(), "only the datasource takes part: " + participants);
        assertFalse(participants.get(0).contains("RowXAResource"), participants.get(0));
        assertTrue(Orders.exists(app, id));
        assertEquals(id, receive("it.dsmode"));
    }

    @Test
    public void rowAndMessageRollBackTogether() throws Exception {
        String id = UUID.randomUUID().toString();
        tx.begin();
        Orders.insert(app, id);
        try (JMSContext ctx = cf.createContext()) {
            ctx.createProducer().send(ctx.createQueue("it.dsmode.rollback"), id);
        }
        tx.rollback();
        assertFalse(Orders.exists(app, id));
        assertNull(receive("it.dsmode.rollback"));
    }

    @Test
    public void mdbAcknowledgesInTheDatasourceTransaction() throws Exception {
        String ok = "ok-" + UUID.randomUUID();
        String fail = "fail-" + UUID.randomUUID();
        try (JMSContext ctx = cf.createContext()) {
            ctx.createProducer().send(ctx.createQueue("it.dsmode.mdb"), ok);
            ctx.createProducer().send(ctx.createQueue("it.dsmode.mdb"), fail);
        }
        List<Inbox.Delivery> got = Inbox.await("dsmode", 3);
        assertEquals(List.of(ok + " 1", fail + " 1", fail + " 2"), got.stream()
                .map(d -> d.body() + " " + d.deliveryCount()).sorted((a, b) -> a.startsWith("ok") ? -1
                        : b.startsWith("ok") ? 1 : a.compareTo(b)).toList());
        assertEquals(List.of(), Inbox.drain("dsmode", 1500), "acknowledged with the committed row");
        assertTrue(Orders.exists(app, ok));
        assertTrue(Orders.exists(app, fail), "the second delivery's row (the first rolled back with its ack)");
        for (String delivery : List.of(ok + "#1", fail + "#1", fail + "#2")) {
            List<String> participants = DataSourceMdb.PARTICIPANTS.get(delivery);
            assertEquals(1, participants.size(), delivery + ": only the datasource takes part: " + participants);
        }
    }

    @Test
    public void receiveInTheTransactionIsUndoneByItsRollback() throws Exception {
        String id = UUID.randomUUID().toString();
        try (JMSContext ctx = cf.createContext()) {
            ctx.createProducer().send(ctx.createQueue("it.dsmode.receive"), id);
        }
        tx.begin();
        assertEquals(id, receive("it.dsmode.receive"));
        assertEquals(1, Participants.current().size());
        tx.rollback();
        tx.begin();
        assertEquals(id, receive("it.dsmode.receive"), "back after the rollback");
        tx.commit();
        assertNull(receive("it.dsmode.receive"), "consumed by the commit");
    }
}
