package org.rowmq.ra.inbound;

import jakarta.resource.spi.InvalidPropertyException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RowActivationSpecTest {

    private static RowActivationSpec queue() {
        RowActivationSpec spec = new RowActivationSpec();
        spec.setDestinationType(RowActivationSpec.QUEUE);
        spec.setDestination("orders");
        return spec;
    }

    private static void refused(RowActivationSpec spec, String says) {
        InvalidPropertyException e = assertThrows(InvalidPropertyException.class, spec::validate);
        assertTrue(e.getMessage().contains(says), e.getMessage());
    }

    @Test
    void aQueueByPhysicalNameIsValid() {
        assertDoesNotThrow(queue()::validate);
    }

    @Test
    void aDestinationIsRequired() {
        refused(new RowActivationSpec(), "set destinationLookup (a JNDI name) or destination");
    }

    @Test
    void aPhysicalNameNeedsItsType() {
        RowActivationSpec spec = new RowActivationSpec();
        spec.setDestination("orders");
        refused(spec, "set destinationType too");
    }

    @Test
    void unknownValuesAreNamed() {
        RowActivationSpec type = queue();
        type.setDestinationType("jakarta.jms.Stream");
        refused(type, "not jakarta.jms.Stream");
        RowActivationSpec ack = queue();
        ack.setAcknowledgeMode("Client-acknowledge");
        refused(ack, "acknowledgeMode is Auto-acknowledge or Dups-ok-acknowledge, not Client-acknowledge");
        RowActivationSpec durability = queue();
        durability.setSubscriptionDurability("durable");
        refused(durability, "subscriptionDurability is Durable or NonDurable");
        RowActivationSpec sessions = queue();
        sessions.setMaxSession(0);
        refused(sessions, "maxSession must be at least 1");
    }

    @Test
    void durableSubscriptionsNeedTheirNames() {
        RowActivationSpec spec = new RowActivationSpec();
        spec.setDestinationType(RowActivationSpec.TOPIC);
        spec.setDestination("events");
        spec.setSubscriptionDurability("Durable");
        refused(spec, "needs subscriptionName");
        spec.setSubscriptionName("audit");
        refused(spec, "needs clientId");
        spec.setShareSubscriptions(true);
        assertDoesNotThrow(spec::validate);
    }
}
