package org.rowmq.tx.rowmq;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;

import org.rowmq.client.RowXAConnectionFactory;

/**
 * Where RowMQ keeps its messages in a test: an H2 file, or a schema of its own on this machine's PostgreSQL. Opens
 * the XA connection factory and answers what recovery and the assertions need.
 */
record MessageDatabase(String url, String user) {

    static final String POSTGRESQL_SERVER = "jdbc:postgresql://127.0.0.1:5432/test";

    static MessageDatabase h2(Path file) {
        return new MessageDatabase("jdbc:h2:file:" + file.toAbsolutePath() + ";WRITE_DELAY=0", "sa");
    }

    /** A new schema of this run on the shared PostgreSQL; the test drops it with {@link #dropPostgresSchema()}. */
    static MessageDatabase postgresql() throws SQLException {
        String schema = "rowmq_xa_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(POSTGRESQL_SERVER, "postgres", null);
             Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema); // a name generated above, not input
        }
        return new MessageDatabase(POSTGRESQL_SERVER + "?currentSchema=" + schema, "postgres");
    }

    boolean isPostgres() {
        return url.startsWith("jdbc:postgresql:");
    }

    void dropPostgresSchema() throws SQLException {
        String schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
        try (Connection c = DriverManager.getConnection(POSTGRESQL_SERVER, "postgres", null);
             Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    RowXAConnectionFactory factory() {
        return new RowXAConnectionFactory(url, user, null);
    }

    /** Branches RowMQ holds prepared (its own table; the database's XA is not used). */
    int preparedBranches() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        try (Connection c = DriverManager.getConnection(url, p);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM rowmq_xa_branch")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Sends one message, committed at once. */
    static void send(RowXAConnectionFactory factory, String queue, String text) {
        try (JMSContext ctx = factory.createContext()) {
            ctx.createProducer().send(ctx.createQueue(queue), text);
        }
    }

    /** Consumes every message a consumer can get now; waits {@code quietMillis} for each further one. */
    static List<Message> drain(RowXAConnectionFactory factory, String queue, long quietMillis) throws JMSException {
        List<Message> result = new ArrayList<>();
        try (JMSContext ctx = factory.createContext()) {
            Queue q = ctx.createQueue(queue);
            JMSConsumer consumer = ctx.createConsumer(q);
            for (Message m = consumer.receive(quietMillis); m != null; m = consumer.receive(quietMillis)) {
                result.add(m);
            }
        }
        return result;
    }
}
