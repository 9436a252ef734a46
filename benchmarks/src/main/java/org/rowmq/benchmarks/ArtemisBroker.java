package org.rowmq.benchmarks;

import jakarta.jms.ConnectionFactory;
import java.nio.file.Path;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.config.storage.DatabaseStorageConfiguration;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Artemis embedded in this JVM (in-VM acceptor, no network), persistent, security off, otherwise at its defaults:
 * either its JDBC store on the benchmark's PostgreSQL or its file journal (ASYNCIO where libaio is available, NIO
 * otherwise, as Artemis itself chooses) in a fresh directory.
 */
final class ArtemisBroker implements Broker {
    private final EmbeddedActiveMQ server;
    private final Database.Jdbc jdbc;
    private final ActiveMQConnectionFactory factory;

    private ArtemisBroker(EmbeddedActiveMQ server, Database.Jdbc jdbc) {
        this.server = server;
        this.jdbc = jdbc;
        this.factory = new ActiveMQConnectionFactory("vm://0");
    }

    static ArtemisBroker onJournal(Path scratch) throws Exception {
        return start(configuration(scratch), null);
    }

    /** Tables of their own per run (the run number in their names), so no run reads another's leftovers. */
    static ArtemisBroker onJdbc(Database.Jdbc jdbc, Path scratch, int run) throws Exception {
        Configuration config = configuration(scratch);
        DatabaseStorageConfiguration store = new DatabaseStorageConfiguration();
        store.setJdbcConnectionUrl(jdbc.url() + (jdbc.url().contains("?") ? "&" : "?") + "user=" + jdbc.user()
                + (jdbc.password().isEmpty() ? "" : "&password=" + jdbc.password()));
        store.setJdbcDriverClassName("org.postgresql.Driver");
        // Short: Artemis allows at most 10 characters for the page store's table prefix.
        String prefix = "a" + run;
        store.setBindingsTableName(prefix + "b");
        store.setMessageTableName(prefix + "m");
        store.setLargeMessageTableName(prefix + "l");
        store.setPageStoreTableName(prefix + "p");
        store.setNodeManagerStoreTableName(prefix + "n");
        config.setStoreConfiguration(store);
        return start(config, jdbc);
    }

    private static Configuration configuration(Path scratch) throws Exception {
        Configuration config = new ConfigurationImpl();
        config.setPersistenceEnabled(true);
        config.setSecurityEnabled(false);
        config.setJMXManagementEnabled(false);
        config.addAcceptorConfiguration("in-vm", "vm://0");
        config.setBrokerInstance(scratch.toFile());
        config.setJournalDirectory(scratch.resolve("journal").toString());
        config.setBindingsDirectory(scratch.resolve("bindings").toString());
        config.setPagingDirectory(scratch.resolve("paging").toString());
        config.setLargeMessagesDirectory(scratch.resolve("large").toString());
        return config;
    }

    private static ArtemisBroker start(Configuration config, Database.Jdbc jdbc) throws Exception {
        EmbeddedActiveMQ server = new EmbeddedActiveMQ();
        server.setConfiguration(config);
        server.start();
        return new ArtemisBroker(server, jdbc);
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
        factory.close();
        server.stop();
    }
}
