package org.rowmq.jndi;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.store.DestinationSettings;
import org.rowmq.store.DestinationSettings.FullPolicy;
import org.rowmq.testsupport.TestDatabase;

import javax.naming.Context;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Queue limits from properties end up in the database, merged with what is already stored there. */
class QueueLimitsTest {
    private final TestDatabase database = TestDatabase.freshH2("jndi-limits");
    private RowConnectionFactory factory;

    @AfterEach
    void closeFactory() {
        if (factory != null) factory.close();
    }

    private String[] withFactory(String... more) {
        String[] base = {"connectionFactory.cf", database.url(), "connectionFactory.cf.user", database.user(),
                "connectionFactory.cf.password", database.password()};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void everyLimitIsStoredForThePhysicalQueue() throws Exception {
        Context context = Contexts.of(withFactory(
                "queue.jms/orders", "sales.orders",
                "queue.jms/orders.maxMessages", "5",
                "queue.jms/orders.whenFull", "block",
                "queue.jms/orders.blockTimeout", "PT2S",
                "queue.jms/orders.maxDeliveries", "3",
                "queue.jms/orders.deadLetterQueue", "sales.dead",
                "queue.jms/orders.redeliveryDelay", "250"));
        factory = (RowConnectionFactory) context.lookup("cf");

        assertEquals(new DestinationSettings(5, FullPolicy.BLOCK, Duration.ofSeconds(2), 3, "sales.dead",
                Duration.ofMillis(250)), factory.destinationSettings("sales.orders"));
    }

    @Test
    void limitsNotGivenKeepTheStoredValues() throws Exception {
        Contexts.of(withFactory("queue.q", "kept", "queue.q.maxMessages", "7", "queue.q.deadLetterQueue", "kept.dead"));
        Context context = Contexts.of(withFactory("queue.q", "kept", "queue.q.maxDeliveries", "2"));
        factory = (RowConnectionFactory) context.lookup("cf");

        DestinationSettings settings = factory.destinationSettings("kept");
        assertEquals(7, settings.maxMessages());
        assertEquals("kept.dead", settings.deadLetterQueue());
        assertEquals(2, settings.maxDeliveries());
        assertEquals(DestinationSettings.DEFAULTS.redeliveryDelay(), settings.redeliveryDelay());
    }

    @Test
    void aQueueWithoutAJndiEntryIsNamedByItsPhysicalName() throws Exception {
        Context context = Contexts.of(withFactory("queue.plain.only.maxDeliveries", "4"));
        factory = (RowConnectionFactory) context.lookup("cf");

        assertEquals(4, factory.destinationSettings("plain.only").maxDeliveries());
    }
}
