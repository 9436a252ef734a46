package org.rowmq.benchmarks;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import java.nio.file.Path;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.store.StoreStats;

/** RowMQ at its defaults: a connection factory on a JDBC URL, nothing else running. */
final class RowMqBroker implements Broker {
    /**
     * The embedded default's durability: WRITE_DELAY=0 hands each commit to the operating system at once, but H2 does
     * not fsync on commit, so a committed message survives the JVM's death, not the machine's. AUTO_SERVER as in
     * RowMQ's default URL, so that a producer JVM can share the file.
     */
    static final String H2_SETTINGS = "WRITE_DELAY=0;AUTO_SERVER=TRUE";

    private final RowConnectionFactory factory;
    private final Database.Jdbc database;
    private final String url;

    private RowMqBroker(RowConnectionFactory factory, Database.Jdbc database, String url) {
        this.factory = factory;
        this.database = database;
        this.url = url;
    }

    static RowMqBroker onPostgres(Database.Jdbc jdbc) {
        return new RowMqBroker(new RowConnectionFactory(jdbc.url(), jdbc.user(), jdbc.password()), jdbc,
                jdbc.url());
    }

    static RowMqBroker onH2(Path scratch) {
        String url = "jdbc:h2:file:" + scratch.resolve("rowmq").toAbsolutePath() + ";" + H2_SETTINGS;
        return new RowMqBroker(new RowConnectionFactory(url), null, url);
    }

    /** The JDBC URL, for a producer JVM that opens its own factory on the same database. */
    String url() {
        return url;
    }

    @Override
    public ConnectionFactory connectionFactory() {
        return factory;
    }

    @Override
    public StoreStats storeStats() {
        try {
            return factory.store().stats();
        } catch (JMSException e) {
            throw new IllegalStateException("the store's counters are unavailable", e);
        }
    }

    @Override
    public Database.Jdbc database() {
        return database;
    }

    @Override
    public void close() {
        factory.close();
    }
}
