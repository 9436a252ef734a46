package org.rowmq.admin;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rowmq.client.RowConnectionFactory;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** rowmq reaches the tables through the applications' JNDI properties file as well as through a JDBC URL. */
class ConnectionOptionsTest {

    private record Run(int exit, String out, String err) {
    }

    private static Run rowmq(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = RowMQ.commandLine(new BufferedReader(new StringReader("")), new PrintWriter(out, true),
                new PrintWriter(err, true)).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void aConnectionFactoryOfTheJndiFileNamesTheDatabase(@TempDir Path dir) throws Exception {
        try (CliDatabase.Fresh db = CliDatabase.H2.fresh()) {
            try (RowConnectionFactory f = new RowConnectionFactory(db.url(), db.user(), db.password());
                 var c = f.createContext()) {
                c.createProducer().send(c.createQueue("from.jndi"), "hello");
            }
            Path one = dir.resolve("one.properties");
            Files.writeString(one, "java.naming.factory.initial = org.rowmq.jndi.RowInitialContextFactory\n"
                    + "connectionFactory.orders = " + db.url() + "\n"
                    + "connectionFactory.orders.user = sa\n"
                    + "queue.jms/incoming = from.jndi\n");
            Run listed = rowmq("--jndi", one.toString(), "destinations", "--json");
            assertEquals(0, listed.exit(), listed.toString());
            assertTrue(listed.out().contains("\"destination\" : \"from.jndi\""), listed.out());

            Path two = dir.resolve("two.properties");
            Files.writeString(two, "connectionFactory.orders = " + db.url() + "\nconnectionfactory.billing = " + db.url() + "\n");
            Run ambiguous = rowmq("--jndi", two.toString(), "destinations");
            assertEquals(ExitCodes.USAGE, ambiguous.exit(), ambiguous.toString());
            assertTrue(ambiguous.err().contains("[billing, orders]") && ambiguous.err().contains("--factory"), ambiguous.err());
            Run chosen = rowmq("--jndi", two.toString(), "--factory", "billing", "--user", "sa", "destinations");
            assertEquals(0, chosen.exit(), chosen.toString());
            assertTrue(chosen.out().contains("from.jndi"), chosen.out());
            Run unknown = rowmq("--jndi", two.toString(), "--factory", "shipping", "destinations");
            assertEquals(ExitCodes.USAGE, unknown.exit(), unknown.toString());
            Run missing = rowmq("--jndi", dir.resolve("absent.properties").toString(), "destinations");
            assertEquals(ExitCodes.USAGE, missing.exit(), missing.toString());
        }
    }

    @Test
    void anUnreachableDatabaseFailsWithExitCodeOne() {
        Run r = rowmq("--url", "jdbc:postgresql://127.0.0.1:1/none", "--user", "x", "destinations");
        assertEquals(ExitCodes.FAILED, r.exit(), r.toString());
        assertTrue(r.err().startsWith("rowmq: cannot connect"), r.err());
    }
}
