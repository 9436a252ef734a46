package org.rowmq.store;

/**
 * A caller's place in the store's group commit, from {@link MessageStore#writeOrder()}: the writes given one order
 * (sends, acknowledgements, delivery marks, commits) are committed, and their futures completed, in the order they were
 * called, even when the caller does not wait for one before the next (asynchronous sends, acknowledgements flushed
 * without waiting): the group commit takes all writes from one queue, in arrival order. A session takes one for its
 * life, which keeps everything JMS orders within a session in order; the group commit also tells by it which writers
 * a group should wait for (see {@link Gathering}).
 */
public final class WriteOrder {
    WriteOrder() {
    }
}
