package org.rowmq.dispatch;

import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import org.rowmq.message.MessageCodec;
import org.rowmq.selector.Selector;
import org.rowmq.store.OutgoingMessage;
import org.rowmq.store.SubscriptionMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Evaluates subscriptions' selectors at publish time for the store's fan-out: a subscription with a selector only
 * ever holds messages that match it. Parsed selectors are cached by text (subscriptions are few and long-lived).
 */
final class SubscriptionSelectors implements SubscriptionMatcher {
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionSelectors.class);
    private static final int MAX_CACHED = 10_000;
    private final ConcurrentHashMap<String, Selector> parsed = new ConcurrentHashMap<>();

    @Override
    public boolean matches(String selectorText, OutgoingMessage message) {
        try {
            Selector selector = parsed.get(selectorText);
            if (selector == null) {
                selector = Selector.parse(selectorText);
                if (parsed.size() < MAX_CACHED) parsed.put(selectorText, selector);
            }
            return selector.matches(MessageCodec.decode(message.payload()));
        } catch (InvalidSelectorException e) {
            // Stored selectors were parsed when the subscription was made; one that no longer parses matches nothing.
            LOG.warn("A subscription's selector no longer parses; it receives nothing: {}", e.getMessage());
            return false;
        } catch (JMSException e) {
            LOG.warn("A published message could not be decoded for a subscription's selector: {}", e.getMessage());
            return false;
        }
    }
}
