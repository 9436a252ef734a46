package org.rowmq.spring.boot;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import org.junit.jupiter.api.Test;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.spring.boot.jpa.ShipmentApplication;
import org.rowmq.spring.boot.jpa.ShipmentApplication.Shipments;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.transaction.PlatformTransactionManager;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Under Boot's JpaTransactionManager: an entity and a message commit or roll back together, in a @Transactional method
 * and in a @JmsListener (whose failing deliveries roll back the entity's change and the reply, then go to the DLQ).
 * One subclass per database and listener cache level ({@link JpaTransactionTest}).
 */
@SpringBootTest(classes = ShipmentApplication.class, properties = {
        "spring.jpa.hibernate.ddl-auto=create",
        "rowmq.destinations.shipments.max-deliveries=2",
        "rowmq.destinations.shipments.dead-letter-queue=shipments-dlq"})
@DirtiesContext
abstract class JpaTransactionContract {
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    Shipments shipments;
    @Autowired
    RowConnectionFactory rowmq;

    @Test
    void entitiesAndMessagesCommitAndRollBackTogether() throws Exception {
        assertInstanceOf(JpaTransactionManager.class, transactionManager);

        shipments.request("ok-1", false);
        assertThrows(IllegalStateException.class, () -> shipments.request("refused-1", true));
        shipments.request("stuck-1", false);

        List<String> shipped = new ArrayList<>();
        try (JMSContext jms = rowmq.createContext()) {
            JMSConsumer replies = jms.createConsumer(jms.createQueue(Shipments.SHIPPED));
            shipped.add(replies.receiveBody(String.class, 30_000));
            assertEquals("stuck-1", jms.createConsumer(jms.createQueue("shipments-dlq"))
                    .receiveBody(String.class, 30_000));
            for (String more = replies.receiveBody(String.class, 1_000); more != null;
                 more = replies.receiveBodyNoWait(String.class)) {
                shipped.add(more);
            }
        }
        assertEquals(List.of("ok-1"), shipped);
        assertEquals("SHIPPED", shipments.status("ok-1"));
        assertNull(shipments.status("refused-1"), "the refused entity rolled back with its message");
        assertEquals("REQUESTED", shipments.status("stuck-1"), "each failed delivery's change rolled back");
        assertEquals(0, rowmq.store().depth(Shipments.SHIPMENTS));
    }
}
