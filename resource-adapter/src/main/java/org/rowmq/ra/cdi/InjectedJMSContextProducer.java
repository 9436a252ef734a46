package org.rowmq.ra.cdi;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
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
 * {@code @Inject JMSContext} without WildFly's messaging subsystem (Jakarta Messaging 3.1, section 12.4): the injected
 * context uses the connection factory named by {@code @JMSConnectionFactory}, or the EE default
 * ({@code java:comp/DefaultJMSConnectionFactory}, which the server's ee subsystem binds to RowMQ's), with the session
 * mode of {@code @JMSSessionMode}. Applications import this producer from the adapter's module (see the README).
 */
@ApplicationScoped
public class InjectedJMSContextProducer {
    /** The EE default, bound by WildFly's messaging subsystem when it is installed. */
    static final String DEFAULT_FACTORY = "java:comp/DefaultJMSConnectionFactory";
    /** Where a server without that subsystem binds it (a naming subsystem lookup binding; see the README). */
    public static final String SERVER_DEFAULT_FACTORY = "java:jboss/DefaultJMSConnectionFactory";

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Produces
    public JMSContext injectedContext(InjectionPoint point) {
        JMSConnectionFactory named = point.getAnnotated() == null ? null
                : point.getAnnotated().getAnnotation(JMSConnectionFactory.class);
        JMSSessionMode mode = point.getAnnotated() == null ? null
                : point.getAnnotated().getAnnotation(JMSSessionMode.class);
        ConnectionFactory cf = named != null ? lookup(named.value()) : defaultFactory();
        InjectedContext injected = new InjectedContext(cf, mode != null ? mode.value() : JMSContext.AUTO_ACKNOWLEDGE,
                transactions);
        return (JMSContext) Proxy.newProxyInstance(InjectedJMSContextProducer.class.getClassLoader(),
                new Class<?>[]{JMSContext.class}, injected);
    }

    /** The injecting bean is gone: its context outside transactions closes (those of transactions closed at completion). */
    public void dispose(@Disposes JMSContext context) {
        if (Proxy.isProxyClass(context.getClass()) && Proxy.getInvocationHandler(context) instanceof InjectedContext i)
            i.closeOwn();
    }

    private static ConnectionFactory defaultFactory() {
        try {
            return (ConnectionFactory) new InitialContext().lookup(DEFAULT_FACTORY);
        } catch (NamingException e) {
            try {
                return (ConnectionFactory) new InitialContext().lookup(SERVER_DEFAULT_FACTORY);
            } catch (NamingException | ClassCastException again) {
                throw new JMSRuntimeException("No default JMS connection factory for @Inject JMSContext: neither "
                        + DEFAULT_FACTORY + " nor " + SERVER_DEFAULT_FACTORY + " is bound (bind RowMQ's connection "
                        + "factory at the latter with the naming subsystem)");
            }
        }
    }

    private static ConnectionFactory lookup(String name) {
        String jndi = name.startsWith("java:") ? name : "java:comp/env/" + name;
        try {
            return (ConnectionFactory) new InitialContext().lookup(jndi);
        } catch (NamingException | ClassCastException e) {
            throw new JMSRuntimeException("No JMS connection factory at " + jndi + " for @Inject JMSContext: "
                    + e.getMessage());
        }
    }
}
