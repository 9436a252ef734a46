package org.rowmq.ra.it;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;

/**
 * An EJB using the EE defaults the way the specification writes them, with nothing declared by the application:
 * {@code @Resource ConnectionFactory} with no name, {@code java:comp/DefaultJMSConnectionFactory} and the injected
 * JMSContext.
 */
@Stateless
public class DefaultFactoryEjb {
    @Resource
    ConnectionFactory unnamed;

    @Resource(lookup = "java:comp/DefaultJMSConnectionFactory")
    ConnectionFactory byDefaultName;

    @Inject
    JMSContext injected;

    /** Sends {@code body} to {@code queue} through each of the three in the caller's transaction (one message each). */
    public void sendThroughEach(String queue, String body) {
        try (JMSContext ctx = unnamed.createContext()) {
            ctx.createProducer().send(ctx.createQueue(queue), body + " unnamed");
        }
        try (JMSContext ctx = byDefaultName.createContext()) {
            ctx.createProducer().send(ctx.createQueue(queue), body + " java:comp");
        }
        injected.createProducer().send(injected.createQueue(queue), body + " injected");
    }
}
