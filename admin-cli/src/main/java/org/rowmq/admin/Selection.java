package org.rowmq.admin;

import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import org.rowmq.message.MessageCodec;
import org.rowmq.message.RowMessage;
import org.rowmq.selector.Selector;
import org.rowmq.store.StoredMessage;

import java.util.function.Predicate;

/**
 * A message selector given on the command line, parsed and judged by the provider's own selector code on each decoded
 * message, exactly as a consumer with that selector would judge it; it never becomes SQL.
 */
final class Selection {

    private Selection() {
    }

    /** All messages for null or blank text; InvalidSelectorException (exit 2) for text that is not a selector. */
    static Predicate<StoredMessage> of(String text) throws InvalidSelectorException {
        Selector selector = Selector.parse(text);
        if (selector.matchesAll()) return m -> true;
        return m -> selector.matches(decode(m));
    }

    /**
     * As {@link #of}, for purge and move: a --selector given but blank (an empty shell variable, say) is refused instead
     * of taking every message, which only leaving the option out asks for.
     */
    static Predicate<StoredMessage> forChange(String text) throws InvalidSelectorException, BadInput {
        if (text != null && text.isBlank())
            throw new BadInput("--selector is blank; give a selector, or leave the option out to take every message");
        return of(text);
    }

    static RowMessage decode(StoredMessage m) {
        try {
            return MessageCodec.decode(m.payload());
        } catch (JMSException e) {
            // A row whose payload does not decode cannot match a selector; browse shows it undecoded instead.
            throw new UndecodableMessage(m.id(), e);
        }
    }

    /** A stored payload that is not a RowMQ message encoding (corrupt, or written by an incompatible version). */
    static final class UndecodableMessage extends RuntimeException {
        UndecodableMessage(long id, JMSException cause) {
            super("message " + id + " cannot be decoded: " + cause.getMessage(), cause);
        }
    }
}
