package org.rowmq.jndi;

import javax.naming.Context;
import javax.naming.NamingException;
import javax.naming.spi.InitialContextFactory;
import java.util.Hashtable;

/**
 * JNDI for Java SE, configured from properties, in the manner of ActiveMQ's and Qpid JMS's initial context factories.
 * Put the entries in a {@code jndi.properties} on the classpath or in the environment given to
 * {@code new InitialContext(env)} (InitialContext merges the two):
 *
 * <pre>
 * java.naming.factory.initial = org.rowmq.jndi.RowInitialContextFactory
 *
 * # a connection factory: its JNDI name and JDBC URL (empty: the embedded H2 database in ./rowmq-data)
 * connectionFactory.orders = jdbc:postgresql://db/app
 * # its options, each a key of its own (a JDBC URL's query string belongs to the driver)
 * connectionFactory.orders.user = app
 * connectionFactory.orders.password = secret
 * connectionFactory.orders.poolSize = 20
 * connectionFactory.orders.prefetch = 10
 * connectionFactory.orders.clientID = billing
 * # who may connect and do what (see the README's Security section), and this factory's default credentials
 * connectionFactory.orders.security = /etc/rowmq/security.properties
 * connectionFactory.orders.jmsUser = billing
 * connectionFactory.orders.jmsPassword = secret
 *
 * # destinations: JNDI name = physical name
 * queue.jms/incoming = orders.incoming
 * topic.prices = prices
 *
 * # limits of a queue (by its JNDI name, or by its physical name when it has no queue.* entry), stored in the
 * # database through every connection factory of this context when the factory first uses its database
 * # whenFull is FAIL or BLOCK; durations are milliseconds or ISO-8601 (PT5S)
 * queue.jms/incoming.maxMessages = 100000
 * queue.jms/incoming.whenFull = BLOCK
 * queue.jms/incoming.blockTimeout = 5000
 * queue.jms/incoming.maxDeliveries = 5
 * queue.jms/incoming.deadLetterQueue = orders.dead
 * queue.jms/incoming.redeliveryDelay = PT1S
 * </pre>
 *
 * A connection factory looked up here is a {@code RowXAConnectionFactory}: a plain ConnectionFactory, and also an
 * XAConnectionFactory to hand to a transaction manager.
 *
 * {@code dynamicQueues/<name>} and {@code dynamicTopics/<name>} look up any queue or topic by its physical name.
 * Names are "/"-separated. The prefix {@code connectionfactory.} (Qpid's spelling) is accepted too.
 *
 * <p>Everything is validated when the InitialContext is created: an unknown option, a malformed number or duration,
 * an invalid destination name or a name bound twice fails with a {@link javax.naming.ConfigurationException} naming
 * the key. Connection factories with equal URL and options are one shared instance in the JVM, whichever context
 * they are looked up from. The context is read-only: binding through JNDI throws
 * {@link javax.naming.OperationNotSupportedException}.
 */
public class RowInitialContextFactory implements InitialContextFactory {

    @Override
    public Context getInitialContext(Hashtable<?, ?> environment) throws NamingException {
        Hashtable<?, ?> env = environment == null ? new Hashtable<>() : environment;
        JndiConfiguration configuration = JndiConfiguration.read(env);
        configuration.deferQueueLimits();
        return new ReadOnlyContext(configuration.root(), "", env);
    }
}
