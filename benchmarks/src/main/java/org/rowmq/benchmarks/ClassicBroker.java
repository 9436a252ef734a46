package org.rowmq.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import jakarta.jms.ConnectionFactory;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.store.jdbc.JDBCPersistenceAdapter;

/**
 * ActiveMQ Classic embedded in this JVM (in-VM transport, no network) with its JDBC persistence adapter on the
 * benchmark's PostgreSQL, otherwise at its defaults.
 */
final class ClassicBroker implements Broker {
    /** Enough connections that 16 producers and 16 consumers never wait for the pool. */
    private static final int POOL = 40;

    private final BrokerService broker;
    private final HikariDataSource pool;
    private final Database.Jdbc jdbc;
    private final ActiveMQConnectionFactory factory;

    private ClassicBroker(BrokerService broker, HikariDataSource pool, Database.Jdbc jdbc) {
        this.broker = broker;
        this.pool = pool;
        this.jdbc = jdbc;
        this.factory = new ActiveMQConnectionFactory("vm://" + broker.getBrokerName() + "?create=false");
    }

    static ClassicBroker open(Database.Jdbc jdbc, java.nio.file.Path scratch) throws Exception {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(jdbc.url());
        pool.setUsername(jdbc.user());
        pool.setPassword(jdbc.password());
        pool.setMaximumPoolSize(POOL);
        JDBCPersistenceAdapter adapter = new JDBCPersistenceAdapter();
        adapter.setDataSource(pool);
        BrokerService broker = new BrokerService();
        broker.setBrokerName("classic");
        broker.setUseJmx(false);
        broker.setPersistent(true);
        broker.setPersistenceAdapter(adapter);
        broker.setDataDirectory(scratch.toString());
        broker.start();
        broker.waitUntilStarted();
        return new ClassicBroker(broker, pool, jdbc);
    }

    @Override
    public ConnectionFactory connectionFactory() {
        return factory;
    }

    @Override
    public Database.Jdbc database() {
        return jdbc;
    }

    @Override
    public void close() throws Exception {
        try {
            broker.stop();
            broker.waitUntilStopped();
        } finally {
            pool.close();
        }
    }
}
