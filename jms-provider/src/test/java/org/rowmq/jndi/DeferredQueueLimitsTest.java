package org.rowmq.jndi;

import jakarta.jms.Connection;
import jakarta.jms.Queue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.testsupport.TestDatabase;

import javax.naming.Context;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Creating an InitialContext never needs the database: queue limits are stored when a connection factory first opens
 * its database (and again on the next use if that failed), so an application can start while its database does.
 */
class DeferredQueueLimitsTest {

    static Stream<TestDatabase> databases() {
        return TestDatabase.all();
    }

    @Test
    void aContextWithQueueLimitsIsCreatedWhileTheDatabaseIsUnreachable() throws Exception {
        // Port 1 refuses at once: nothing listens there.
        Context context = Contexts.of("connectionFactory.cf", "jdbc:postgresql://127.0.0.1:1/nowhere?connectTimeout=2",
                "connectionFactory.cf.user", "nobody",
                "queue.orders", "sales.orders", "queue.orders.maxDeliveries", "3");
        RowConnectionFactory factory = (RowConnectionFactory) context.lookup("cf");
        assertEquals("sales.orders", ((Queue) context.lookup("orders")).getQueueName());
        // The database is needed only now, and its absence is a JMSException.
        assertThrows(jakarta.jms.JMSException.class, factory::createConnection);
        context.close();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theLimitsAreStoredAtTheFactorysFirstUse(TestDatabase db) throws Exception {
        db.config(); // skips when the database is unreachable
        String queue = TestDatabase.unique("deferred");
        Context context = Contexts.of("connectionFactory.cf", db.url(), "connectionFactory.cf.user", db.user(),
                "connectionFactory.cf.password", db.password() == null ? "" : db.password(),
                "queue.q", queue, "queue.q.maxDeliveries", "3", "queue.q.deadLetterQueue", queue + ".dead");
        RowConnectionFactory factory = (RowConnectionFactory) context.lookup("cf");
        try (Connection c = factory.createConnection()) {
            assertEquals(3, factory.destinationSettings(queue).maxDeliveries());
            assertEquals(queue + ".dead", factory.destinationSettings(queue).deadLetterQueue());
        }
        context.close();
    }
}
