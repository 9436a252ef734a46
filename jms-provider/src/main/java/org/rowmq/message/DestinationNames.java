package org.rowmq.message;

import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.Topic;

/**
 * The one grammar for destination names. Names reach SQL only as bound values, but a strict grammar keeps them
 * readable for operators and safe in logs, JNDI names and dead-letter queue names derived from them.
 */
public final class DestinationNames {
    /** Prefix of the names of temporary destinations; applications may not use it. */
    public static final String TEMPORARY_PREFIX = "rowmq.tmp.";
    /** RowMQ's own names (temporary destinations, subscription queues) start with this; applications' may not. */
    public static final String RESERVED_PREFIX = "rowmq.";
    static final int MAX_LENGTH = 200;
    private static final String RULE = "a destination name is 1 to " + MAX_LENGTH
            + " characters of A-Z a-z 0-9 . _ : $ -, starting with a letter or digit";

    private DestinationNames() {
    }

    /**
     * Strict grammar: 1..200 chars of [A-Za-z0-9._:$-], starting with a letter or digit; user names may not start
     * with {@link #RESERVED_PREFIX}.
     *
     * @param what what the name is, for the message ("queue name", "topic name")
     * @return the name
     */
    public static String validate(String name, String what) throws InvalidDestinationException {
        if (name == null) {
            throw new InvalidDestinationException("The " + what + " is null; " + RULE);
        }
        if (name.isEmpty()) {
            throw new InvalidDestinationException("The " + what + " is empty; " + RULE);
        }
        if (name.length() > MAX_LENGTH) {
            throw new InvalidDestinationException("The " + what + " is " + name.length() + " characters long; " + RULE);
        }
        if (!isLetterOrDigit(name.charAt(0))) {
            throw new InvalidDestinationException("The " + what + " '" + name + "' starts with '" + name.charAt(0)
                    + "'; " + RULE);
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isLetterOrDigit(c) && ".-_:$".indexOf(c) < 0) {
                throw new InvalidDestinationException("The " + what + " '" + name + "' contains '" + c
                        + "' at index " + i + "; " + RULE);
            }
        }
        if (name.startsWith(RESERVED_PREFIX)) {
            throw new InvalidDestinationException("The " + what + " '" + name + "' starts with '" + RESERVED_PREFIX
                    + "', which is reserved for RowMQ's own names (temporary destinations, subscriptions)");
        }
        return name;
    }

    /**
     * The RowMQ form of any destination: a RowDestination as is, another provider's Queue or Topic by its name
     * (validated).
     */
    public static RowDestination toRow(Destination destination) throws InvalidDestinationException {
        if (destination == null) {
            throw new InvalidDestinationException("The destination is null");
        }
        if (destination instanceof RowDestination row) {
            return row;
        }
        try {
            if (destination instanceof Queue queue) {
                return new RowQueue(queue.getQueueName());
            }
            if (destination instanceof Topic topic) {
                return new RowTopic(topic.getTopicName());
            }
        } catch (InvalidDestinationException e) {
            throw e;
        } catch (JMSException e) {
            InvalidDestinationException invalid = new InvalidDestinationException(
                    "Cannot read the name of destination " + destination + ": " + e.getMessage());
            invalid.setLinkedException(e);
            invalid.initCause(e);
            throw invalid;
        }
        throw new InvalidDestinationException("Destination " + destination + " (" + destination.getClass().getName()
                + ") is neither a Queue nor a Topic");
    }

    private static boolean isLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
