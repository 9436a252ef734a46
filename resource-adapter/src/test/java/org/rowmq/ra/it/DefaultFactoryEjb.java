package org.rowmq.ra.it;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;

import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * An EJB using the EE defaults the way the specification writes them: {@code @Resource ConnectionFactory} with no
 * name, {@code java:comp/DefaultJMSConnectionFactory} (declared once by the application, see the README), the
 * injected JMSContext, and a queue from a {@code @JMSDestinationDefinition} (looked up).
 */
@Stateless
@Resource(name = "java:comp/DefaultJMSConnectionFactory", lookup = "java:jboss/DefaultJMSConnectionFactory",
        type = ConnectionFactory.class)
public class DefaultFactoryEjb {
    @Resource
    ConnectionFactory unnamed;

    @Resource(lookup = "java:comp/DefaultJMSConnectionFactory")
    ConnectionFactory byDefaultName;

    @Inject
    JMSContext injected;

    /** Sends {@code body} through each of the three factories in the caller's transaction (one message each). */
    public void sendThroughEach(String body) throws NamingException {
        Queue definedQueue = (Queue) new InitialContext().lookup("java:global/jms/jmsDefinedQueue");
        try (JMSContext ctx = unnamed.createContext()) {
            ctx.createProducer().send(definedQueue, body + " unnamed");
        }
        try (JMSContext ctx = byDefaultName.createContext()) {
            ctx.createProducer().send(definedQueue, body + " java:comp");
        }
        injected.createProducer().send(definedQueue, body + " injected");
    }
}
