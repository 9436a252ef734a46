package org.rowmq.spring.boot.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.rowmq.spring.boot.example.ListenerCacheLevel;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;
import org.springframework.jms.annotation.JmsListener;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A JPA application (Boot's JpaTransactionManager): entities and messages in the same transactions. */
@SpringBootApplication
@Import(ListenerCacheLevel.class)
public class ShipmentApplication {

    @Service
    public static class Shipments {
        public static final String SHIPMENTS = "shipments";
        public static final String SHIPPED = "shipped";

        @PersistenceContext
        private EntityManager em;
        private final JmsTemplate jms;

        public Shipments(JmsTemplate jms) {
            this.jms = jms;
        }

        @Transactional
        public void request(String id, boolean refuse) {
            em.persist(new Shipment(id, "REQUESTED"));
            em.flush();
            jms.convertAndSend(SHIPMENTS, id);
            if (refuse) throw new IllegalStateException("no carrier for " + id);
        }

        /** Marks the shipment shipped and says so, in the listener's transaction; "stuck" ones fail every time. */
        @JmsListener(destination = SHIPMENTS)
        public void ship(String id) {
            em.find(Shipment.class, id).setStatus("SHIPPED");
            em.flush();
            jms.convertAndSend(SHIPPED, id);
            if (id.startsWith("stuck")) throw new IllegalStateException("shipment " + id + " is stuck");
        }

        @Transactional(readOnly = true)
        public String status(String id) {
            Shipment s = em.find(Shipment.class, id);
            return s == null ? null : s.getStatus();
        }
    }
}
