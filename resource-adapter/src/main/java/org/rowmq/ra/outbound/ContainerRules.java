package org.rowmq.ra.outbound;

import jakarta.jms.CompletionListener;
import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSProducer;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueReceiver;
import jakarta.jms.QueueSender;
import jakarta.jms.TopicPublisher;
import jakarta.jms.TopicSubscriber;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The Jakarta Messaging rules for application components in the web and EJB containers (sections 7.3.5 and 12.2): no
 * message listeners, no asynchronous sends and, on connections and contexts, no client ID, exception listener, stop
 * or second session. Asynchronous delivery is the server's business: message-driven beans.
 */
final class ContainerRules {
    private ContainerRules() {
    }

    static final String WHY = " is not allowed for applications in the Jakarta EE web or EJB container "
            + "(Jakarta Messaging 3.1, section 12.2)";

    static Guard.Intercept refuse(String what) {
        return (m, args) -> {
            throw new IllegalStateException(what + WHY);
        };
    }

    static Guard.Intercept refuseUnchecked(String what) {
        return (m, args) -> {
            throw new IllegalStateRuntimeException(what + WHY);
        };
    }

    /** A send whose last parameter is a CompletionListener is asynchronous. */
    private static final Guard.Intercept ASYNC_SEND = (m, args) -> {
        if (hasCompletionListener(m))
            throw new IllegalStateException("An asynchronous send (with a CompletionListener)" + WHY);
        return Guard.PASS;
    };

    private static boolean hasCompletionListener(Method m) {
        Class<?>[] types = m.getParameterTypes();
        return types.length > 0 && types[types.length - 1] == CompletionListener.class;
    }

    private static final Guard.Rules CONSUMER = new Guard.Rules(Map.of(
            "setMessageListener", refuse("MessageConsumer.setMessageListener"),
            "getMessageListener", refuse("MessageConsumer.getMessageListener")), UnaryOperator.identity());

    private static final Guard.Rules PRODUCER = new Guard.Rules(Map.of("send", ASYNC_SEND, "publish", ASYNC_SEND),
            UnaryOperator.identity());

    private static final Guard.Rules JMS_CONSUMER = new Guard.Rules(Map.of(
            "setMessageListener", refuseUnchecked("JMSConsumer.setMessageListener"),
            "getMessageListener", refuseUnchecked("JMSConsumer.getMessageListener")), UnaryOperator.identity());

    private static final Guard.Rules JMS_PRODUCER = new Guard.Rules(Map.of("setAsync", (m, args) -> {
        if (args[0] != null) throw new IllegalStateRuntimeException("JMSProducer.setAsync" + WHY);
        return Guard.PASS;
    }), UnaryOperator.identity());

    private static final Class<?>[] CONSUMERS = {MessageConsumer.class, QueueReceiver.class, TopicSubscriber.class};
    private static final Class<?>[] PRODUCERS = {MessageProducer.class, QueueSender.class, TopicPublisher.class};

    /** The rules of a session handle, with the handle's own close. */
    static Guard.Rules session(Guard.Intercept close) {
        Map<String, Guard.Intercept> rules = new HashMap<>();
        rules.put("setMessageListener", refuse("Session.setMessageListener"));
        rules.put("getMessageListener", refuse("Session.getMessageListener"));
        rules.put("run", refuse("Session.run"));
        rules.put("close", close);
        return new Guard.Rules(rules, ContainerRules::guardSessionResult);
    }

    /** The rules of a JMSContext handle, with the handle's own close. */
    static Guard.Rules context(Guard.Intercept close) {
        Map<String, Guard.Intercept> rules = new HashMap<>();
        rules.put("setClientID", refuseUnchecked("JMSContext.setClientID"));
        rules.put("setExceptionListener", refuseUnchecked("JMSContext.setExceptionListener"));
        rules.put("stop", refuseUnchecked("JMSContext.stop"));
        // A second context on the same connection would be a second session on it (JMSContext.createContext javadoc).
        rules.put("createContext", refuseUnchecked("JMSContext.createContext"));
        rules.put("close", close);
        return new Guard.Rules(rules, ContainerRules::guardContextResult);
    }

    /** Consumers lose their listener methods, producers their asynchronous sends. */
    static Object guardSessionResult(Object result) {
        if (result instanceof MessageConsumer) return Guard.wrap(result, CONSUMER, implemented(result, CONSUMERS));
        if (result instanceof MessageProducer) return Guard.wrap(result, PRODUCER, implemented(result, PRODUCERS));
        return result;
    }

    static Object guardContextResult(Object result) {
        if (result instanceof JMSConsumer) return Guard.wrap(result, JMS_CONSUMER, JMSConsumer.class);
        if (result instanceof JMSProducer) return Guard.wrap(result, JMS_PRODUCER, JMSProducer.class);
        return result;
    }

    /** The interfaces of {@code candidates} that {@code o} implements, so the proxy casts as the original did. */
    private static Class<?>[] implemented(Object o, Class<?>[] candidates) {
        return Arrays.stream(candidates).filter(c -> c.isInstance(o)).toArray(Class<?>[]::new);
    }
}
