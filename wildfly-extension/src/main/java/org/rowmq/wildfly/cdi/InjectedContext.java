package org.rowmq.wildfly.cdi;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSContext;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Set;

/**
 * The injected JMSContext's behaviour (Jakarta Messaging 3.1, section 12.4.4): inside a JTA transaction every call
 * goes to one context per transaction (created on first use, closed when the transaction completes), so all beans of
 * the transaction share it; outside, to one context of this injection, closed with the injecting bean. The methods an
 * injected context refuses (section 12.4.5) throw IllegalStateRuntimeException.
 */
final class InjectedContext implements InvocationHandler {
    private static final Set<String> REFUSED = Set.of("setClientID", "setExceptionListener", "stop", "acknowledge",
            "commit", "rollback", "recover", "setAutoStart", "close", "createContext");

    private final ConnectionFactory factory;
    private final int sessionMode;
    private final TransactionSynchronizationRegistry transactions;
    /** The key under which a transaction holds its context: one per factory and session mode. */
    private final String key;
    private JMSContext own;

    InjectedContext(ConnectionFactory factory, int sessionMode, TransactionSynchronizationRegistry transactions) {
        this.factory = factory;
        this.sessionMode = sessionMode;
        this.transactions = transactions;
        this.key = InjectedContext.class.getName() + "/" + System.identityHashCode(factory) + "/" + sessionMode;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "injected JMSContext on " + factory;
            };
        }
        if (REFUSED.contains(method.getName()))
            throw new IllegalStateRuntimeException("JMSContext." + method.getName() + " is not allowed on an injected "
                    + "JMSContext (Jakarta Messaging 3.1, section 12.4.5): the container manages it");
        try {
            return method.invoke(current(), args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private JMSContext current() {
        if (transactions != null && transactions.getTransactionKey() != null) {
            JMSContext ctx = (JMSContext) transactions.getResource(key);
            if (ctx == null) {
                JMSContext created = factory.createContext(sessionMode);
                transactions.putResource(key, created);
                transactions.registerInterposedSynchronization(new Synchronization() {
                    @Override
                    public void beforeCompletion() {
                    }

                    @Override
                    public void afterCompletion(int status) {
                        created.close();
                    }
                });
                ctx = created;
            }
            return ctx;
        }
        synchronized (this) {
            if (own == null) own = factory.createContext(sessionMode);
            return own;
        }
    }

    synchronized void closeOwn() {
        if (own != null) own.close();
        own = null;
    }
}
