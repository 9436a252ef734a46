package org.rowmq.sample;

import jakarta.annotation.Resource;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import jakarta.jms.TextMessage;

import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The dead-letter queue, read with the standard JMS API: a browser to list it, and a consumer plus a producer in one
 * transaction to move a message back to the queue it came from, so it is never lost nor doubled on the way.
 */
@Stateless
public class DeadLetters {

    /** The properties RowMQ adds to a message it moves to the dead-letter queue. */
    static final String ORIGINAL_DESTINATION = "JMS_RowMQ_OriginalDestination";
    static final String REASON = "JMS_RowMQ_DeadLetterReason";

    /** One message in the dead-letter queue. */
    public record DeadLetter(String messageId, String eventType, long orderId, String originalDestination,
                             String reason, int deliveryCount, String text) {
    }

    /** JMS message IDs start with "ID:"; the rest is checked so the ID can be quoted in a selector safely. */
    private static final Pattern MESSAGE_ID = Pattern.compile("ID:[A-Za-z0-9._:-]{1,100}");
    /** Only the application's own work queues take a message back. */
    private static final Set<String> WORK_QUEUES =
            Set.of(Resources.ORDERS_QUEUE, Resources.STOCK_QUEUE, Resources.COMPENSATIONS_QUEUE);

    @Resource(lookup = Resources.LOCAL_CONNECTION_FACTORY)
    ConnectionFactory rowmq;

    public List<DeadLetter> list(int limit) {
        List<DeadLetter> letters = new ArrayList<>();
        try (JMSContext jms = rowmq.createContext();
             QueueBrowser browser = jms.createBrowser(jms.createQueue(Resources.DEAD_LETTER_QUEUE))) {
            Enumeration<?> messages = browser.getEnumeration();
            while (messages.hasMoreElements() && letters.size() < limit) {
                letters.add(describe((Message) messages.nextElement()));
            }
        } catch (JMSException e) {
            throw new EJBException("Cannot browse the dead-letter queue: " + e.getMessage(), e);
        }
        return letters;
    }

    /**
     * Moves one message back to its original queue with its application properties and body, in this transaction.
     *
     * @return the queue it went back to
     * @throws InvalidRequest when the ID is malformed, the message is not in the dead-letter queue (any more), or it
     *                        did not come from one of the application's work queues
     */
    public String moveBack(String messageId) {
        if (messageId == null || !MESSAGE_ID.matcher(messageId).matches()) {
            throw new InvalidRequest("not a message ID: '" + messageId + "' (expected ID: followed by letters, digits,"
                    + " '.', '_', ':' or '-')");
        }
        try (JMSContext jms = rowmq.createContext();
             JMSConsumer consumer = jms.createConsumer(jms.createQueue(Resources.DEAD_LETTER_QUEUE),
                     "JMSMessageID = '" + messageId + "'")) {
            Message dead = consumer.receive(2_000);
            if (dead == null) {
                throw new InvalidRequest("message " + messageId + " is not in the dead-letter queue (moved already?)");
            }
            String original = dead.getStringProperty(ORIGINAL_DESTINATION);
            if (!WORK_QUEUES.contains(original)) {
                throw new InvalidRequest("message " + messageId + " came from '" + original
                        + "'; only messages from " + WORK_QUEUES + " can be moved back");
            }
            TextMessage copy = jms.createTextMessage(dead instanceof TextMessage t ? t.getText() : null);
            copy.setStringProperty(Resources.EVENT_TYPE, dead.getStringProperty(Resources.EVENT_TYPE));
            copy.setLongProperty(Resources.ORDER_ID, dead.getLongProperty(Resources.ORDER_ID));
            jms.createProducer().send(jms.createQueue(original), copy);
            return original;
        } catch (JMSException e) {
            throw new EJBException("Cannot move " + messageId + " back: " + e.getMessage(), e);
        }
    }

    private static DeadLetter describe(Message m) throws JMSException {
        String eventType = m.getStringProperty(Resources.EVENT_TYPE);
        String original = m.getStringProperty(ORIGINAL_DESTINATION);
        if (original == null) {
            // RowMQ's queue browser does not (yet) carry the dead-letter properties that a consumer sees; the event
            // type names the queue it was consumed from. moveBack reads the real property through a consumer.
            original = workQueueOf(eventType);
        }
        return new DeadLetter(m.getJMSMessageID(), eventType,
                m.propertyExists(Resources.ORDER_ID) ? m.getLongProperty(Resources.ORDER_ID) : 0,
                original, m.getStringProperty(REASON),
                m.propertyExists("JMSXDeliveryCount") ? m.getIntProperty("JMSXDeliveryCount") : 0,
                m instanceof TextMessage t ? t.getText() : null);
    }

    private static String workQueueOf(String eventType) {
        for (Event e : Event.values()) {
            if (e.type().equals(eventType)) {
                return e.workQueue();
            }
        }
        return null;
    }
}
