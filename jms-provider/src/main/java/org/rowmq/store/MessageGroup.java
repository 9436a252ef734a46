package org.rowmq.store;

/**
 * The message group a message belongs to (its JMSXGroupID): within a queue or subscription, the messages of one group
 * are delivered in the order they were committed, one at a time, and stick to one node while its consumer of that
 * queue is open.
 *
 * @param id     the group's name, at most {@link #MAX_LENGTH} characters
 * @param closes true when the message's JMSXGroupSeq was negative: once it is claimed the group sticks to nobody
 */
public record MessageGroup(String id, boolean closes) {

    /** The width of the group_id column. */
    public static final int MAX_LENGTH = 255;
}
