package org.rowmq.client;

import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import org.rowmq.message.RowMessage;
import org.rowmq.store.MessageGroup;

/**
 * The message group a message's JMSX properties name, read once at send: JMSXGroupID (a String, section 3.5.9) is the
 * group; JMSXGroupSeq (an int) stays the application's, except that a negative one closes the group once consumed
 * (Artemis's convention), so that the group sticks to no consumer afterwards.
 */
final class GroupProperties {
    static final String GROUP_ID = "JMSXGroupID";
    static final String GROUP_SEQ = "JMSXGroupSeq";

    private GroupProperties() {
    }

    /** The message's group, or null when it has no JMSXGroupID. */
    static MessageGroup of(RowMessage message) throws JMSException {
        Object id = message.getObjectProperty(GROUP_ID);
        if (id == null) return null;
        if (!(id instanceof String name)) {
            throw new MessageFormatException(GROUP_ID + " must be a String (the JMS specification's type), but the"
                    + " message carries a " + id.getClass().getSimpleName() + ": set it with setStringProperty");
        }
        if (name.length() > MessageGroup.MAX_LENGTH) {
            throw new MessageFormatException(GROUP_ID + " of " + name.length() + " characters is too long: RowMQ"
                    + " stores group names of at most " + MessageGroup.MAX_LENGTH + " characters");
        }
        Object seq = message.getObjectProperty(GROUP_SEQ);
        if (seq != null && !(seq instanceof Integer)) {
            throw new MessageFormatException(GROUP_SEQ + " must be an int (the JMS specification's type), but the"
                    + " message carries a " + seq.getClass().getSimpleName() + ": set it with setIntProperty");
        }
        return new MessageGroup(name, seq != null && (Integer) seq < 0);
    }
}
