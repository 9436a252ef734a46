package org.rowmq.client;

import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import org.rowmq.message.MessageCodec;
import org.rowmq.message.RowDestination;
import org.rowmq.message.RowMessage;
import org.rowmq.selector.Selector;
import org.rowmq.store.BrowsePosition;
import org.rowmq.store.StoredMessage;

import java.util.ArrayDeque;
import java.util.Enumeration;
import java.util.NoSuchElementException;

/**
 * Looks at a queue without consuming: pages through the store in delivery order (each page one bounded, indexed
 * query), filtering by the selector and skipping expired messages. The enumeration is a live view, as the
 * specification allows: messages arriving or leaving while it runs may or may not be seen.
 */
public class RowQueueBrowser implements QueueBrowser {
    private static final int PAGE = 100;

    private final RowSession session;
    private final RowDestination queue;
    private final Selector selector;
    private volatile boolean closed;

    RowQueueBrowser(RowSession session, RowDestination queue, String selectorText) throws JMSException {
        this.session = session;
        this.queue = queue;
        this.selector = Selector.parse(selectorText);
    }

    private void checkOpen() throws IllegalStateException {
        if (closed) throw Failures.closed("queue browser");
        session.checkOpen();
    }

    @Override
    public Queue getQueue() throws JMSException {
        checkOpen();
        return (Queue) queue;
    }

    @Override
    public String getMessageSelector() throws JMSException {
        checkOpen();
        return selector.matchesAll() ? null : selector.text();
    }

    @Override
    public Enumeration<Message> getEnumeration() throws JMSException {
        checkOpen();
        return new Pages();
    }

    @Override
    public void close() {
        closeFromSession();
        session.browserClosed(this);
    }

    void closeFromSession() {
        closed = true;
    }

    private final class Pages implements Enumeration<Message> {
        private final ArrayDeque<Message> ready = new ArrayDeque<>();
        private BrowsePosition position;
        private boolean exhausted;

        @Override
        public boolean hasMoreElements() {
            try {
                while (ready.isEmpty() && !exhausted && !closed) fetchPage();
            } catch (JMSException e) {
                // Enumeration cannot throw checked exceptions; the cause tells what the database said.
                throw new java.lang.IllegalStateException("Browsing queue '" + queue.name() + "' failed: " + e.getMessage(), e);
            }
            return !ready.isEmpty();
        }

        @Override
        public Message nextElement() {
            if (!hasMoreElements()) throw new NoSuchElementException("No more messages in queue '" + queue.name() + "'");
            return ready.poll();
        }

        private void fetchPage() throws JMSException {
            var page = session.store().browse(queue.name(), position, PAGE);
            if (page.size() < PAGE) exhausted = true;
            long now = System.currentTimeMillis();
            for (StoredMessage stored : page) {
                position = BrowsePosition.after(stored);
                RowMessage m = MessageCodec.decode(stored.payload());
                if (m.getJMSExpiration() != 0 && m.getJMSExpiration() <= now) continue;
                if (!selector.matches(m)) continue;
                m.markDelivered(stored.deliveryCount() + 1);
                ready.add(m);
            }
        }
    }
}
