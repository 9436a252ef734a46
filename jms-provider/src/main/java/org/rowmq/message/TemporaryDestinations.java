package org.rowmq.message;

import jakarta.jms.JMSException;

/** The delete rule shared by temporary queues and topics. */
final class TemporaryDestinations {
    private TemporaryDestinations() {
    }

    static void delete(TemporaryDestinationOwner owner, RowDestination destination) throws JMSException {
        if (owner == null) {
            // A copy decoded from JMSReplyTo (or deserialized) has no owner: another connection created it.
            throw new JMSException("Temporary destination " + destination
                    + " can only be deleted through the connection that created it");
        }
        owner.delete(destination);
    }
}
