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
 * The datasource mode with no JDBC URL at all: the adapter activation rowmq-ds-store names only the server's
 * (non-XA) datasource AppDS, so RowMQ's store itself lives on AppDS's connections, and inside a JTA transaction the
 * messages are written on AppDS's enlisted connection. The definition rowmq-ds reaches the same PostgreSQL schema
 * through its own JDBC URL: what one sends the other receives, so the store really is on the datasource.
 */
@ExtendWith(ArquillianExtension.class)
public class DataSourceStoreIT {

    @Deployment
    static WebArchive app() {
        return Archives.war("dsstore", Orders.class, Participants.class)
                .setManifest(new StringAsset("Manifest-Version: 1.0\nDependencies: jakarta.jms.api, org.jboss.jts\n"));
    }

    @Resource(lookup = "java:/jms/rowmq-ds-store")
    ConnectionFactory onDataSource;

    @Resource(lookup = "java:/jms/rowmq-ds")
    ConnectionFactory byUrl;

    @Resource(lookup = "java:/jdbc/AppDS")
    DataSource app;

    @Resource
    UserTransaction tx;

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

    /** A queue of this run: the store is the shared PostgreSQL, where an earlier run may have left messages. */
    private static String queue(String name) {
        return "it.dsstore." + name + "." + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String receive(ConnectionFactory cf, String queue) {
        try (JMSContext ctx = cf.createContext()) {
            return ctx.createConsumer(ctx.createQueue(queue)).receiveBody(String.class, 2000);
        }
    }

    @Test
    public void rowAndMessageCommitTogetherOnTheDatasourceAlone() throws Exception {
        String id = UUID.randomUUID().toString();
        String queue = queue("commit");
        tx.begin();
        Orders.insert(app, id);
        try (JMSContext ctx = onDataSource.createContext()) {
            ctx.createProducer().send(ctx.createQueue(queue), id);
        }
        List<String> participants = Participants.current();
        tx.commit();
        assertEquals(1, participants.size(), "only the datasource takes part: " + participants);
        assertFalse(participants.get(0).contains("RowXAResource"), participants.get(0));
        assertTrue(Orders.exists(app, id));
        assertEquals(id, receive(byUrl, queue), "the store is the datasource's database");
    }

    @Test
    public void rowAndMessageRollBackTogether() throws Exception {
        String id = UUID.randomUUID().toString();
        String queue = queue("rollback");
        tx.begin();
        Orders.insert(app, id);
        try (JMSContext ctx = onDataSource.createContext()) {
            ctx.createProducer().send(ctx.createQueue(queue), id);
        }
        tx.rollback();
        assertFalse(Orders.exists(app, id));
        assertNull(receive(onDataSource, queue));
    }

    @Test
    public void receivesOutsideAndInsideTransactions() throws Exception {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        String queue = queue("receive");
        try (JMSContext ctx = byUrl.createContext()) {
            ctx.createProducer().send(ctx.createQueue(queue), first);
            ctx.createProducer().send(ctx.createQueue(queue), second);
        }
        assertEquals(first, receive(onDataSource, queue), "no transaction: auto-acknowledged");
        tx.begin();
        assertEquals(second, receive(onDataSource, queue));
        assertEquals(1, Participants.current().size(), "the claim is RowMQ's own work, outside the transaction");
        tx.rollback();
        tx.begin();
        assertEquals(second, receive(onDataSource, queue), "back after the rollback");
        tx.commit();
        assertNull(receive(byUrl, queue), "consumed by the commit");
    }
}
