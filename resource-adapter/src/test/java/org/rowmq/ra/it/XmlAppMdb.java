package org.rowmq.ra.it;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnectionFactory;

/**
 * In the EJB module of an EAR ({@link DescriptorDefinitionsIT}): answers each request through the factory and on the
 * queue the EAR's application.xml defines in the application's namespace.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = DescriptorDefinitionsIT.APP_REQUESTS)})
public class XmlAppMdb implements MessageListener {
    @Resource(lookup = "java:app/jms/appFactory")
    QueueConnectionFactory factory;

    @Resource(lookup = "java:app/jms/appReplies")
    Queue replies;

    @Override
    public void onMessage(Message m) {
        try (JMSContext ctx = factory.createContext()) {
            ctx.createProducer().send(replies, m.getBody(String.class) + " relayed by application.xml");
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
