package org.rowmq.wildfly.cdi;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSessionMode;
import jakarta.transaction.TransactionSynchronizationRegistry;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.lang.reflect.Proxy;

/**
 * {@code @Inject JMSContext} (Jakarta Messaging 3.1, section 12.4): the injected context uses the connection factory
 * named by {@code @JMSConnectionFactory}, or the EE default {@code java:comp/DefaultJMSConnectionFactory} (bound by the
 * subsystem to RowMQ's), with the session mode of {@code @JMSSessionMode}. A bean added to every CDI deployment by
 * {@link JmsContextBeans}; it is not in the application's archive, so it looks its resources up rather than have them
 * injected.
 */
public class InjectedJMSContextProducer {
    static final String DEFAULT_FACTORY = "java:comp/DefaultJMSConnectionFactory";
    private static final String TRANSACTIONS = "java:comp/TransactionSynchronizationRegistry";

    @Produces
    public JMSContext injectedContext(InjectionPoint point) {
        JMSConnectionFactory named = point.getAnnotated() == null ? null
                : point.getAnnotated().getAnnotation(JMSConnectionFactory.class);
        JMSSessionMode mode = point.getAnnotated() == null ? null
                : point.getAnnotated().getAnnotation(JMSSessionMode.class);
        ConnectionFactory cf = (ConnectionFactory) lookup(named != null ? jndiName(named.value()) : DEFAULT_FACTORY,
                "the JMS connection factory");
        InjectedContext injected = new InjectedContext(cf, mode != null ? mode.value() : JMSContext.AUTO_ACKNOWLEDGE,
                (TransactionSynchronizationRegistry) lookup(TRANSACTIONS, "the transaction synchronization registry"));
        return (JMSContext) Proxy.newProxyInstance(InjectedJMSContextProducer.class.getClassLoader(),
                new Class<?>[]{JMSContext.class}, injected);
    }

    /** The injecting bean is gone: its context outside transactions closes (those of transactions closed at completion). */
    public void dispose(@Disposes JMSContext context) {
        if (Proxy.isProxyClass(context.getClass()) && Proxy.getInvocationHandler(context) instanceof InjectedContext i)
            i.closeOwn();
    }

    private static String jndiName(String name) {
        return name.startsWith("java:") ? name : "java:comp/env/" + name;
    }

    private static Object lookup(String jndi, String what) {
        try {
            return new InitialContext().lookup(jndi);
        } catch (NamingException | ClassCastException e) {
            throw new JMSRuntimeException("No " + what + " at " + jndi + " for @Inject JMSContext"
                    + (jndi.equals(DEFAULT_FACTORY) ? " (the ee subsystem's default binding jms-connection-factory "
                    + "names RowMQ's connection factory; see the README)" : "") + ": " + e.getMessage());
        }
    }
}
