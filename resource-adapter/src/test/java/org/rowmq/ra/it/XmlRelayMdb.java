package org.rowmq.ra.it;

import jakarta.annotation.Resource;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;

/**
 * A message-driven bean declared in ejb-jar.xml with its JMS definitions ({@link DescriptorDefinitionsIT}): answers
 * each request through the factory and on the queue its descriptor defines in its component namespace.
 */
public class XmlRelayMdb implements MessageListener {
    @Resource(lookup = "java:comp/jms/xmlFactory")
    ConnectionFactory factory;

    @Resource(lookup = "java:comp/jms/xmlReplies")
    Queue replies;

    @Override
    public void onMessage(Message m) {
        try (JMSContext ctx = factory.createContext()) {
            ctx.createProducer().send(replies, m.getBody(String.class) + " relayed by ejb-jar.xml");
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
