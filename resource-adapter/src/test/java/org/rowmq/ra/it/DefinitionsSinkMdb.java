package org.rowmq.ra.it;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConnectionFactoryDefinition;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSDestinationDefinition;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;

/**
 * In the same EJB jar: receives the relayed message and answers through a factory and a queue defined in its own
 * component namespace (the factory on the EE default connection definition), both injected.
 */
@JMSConnectionFactoryDefinition(name = "java:comp/jms/sinkFactory")
@JMSDestinationDefinition(name = "java:comp/jms/done", interfaceName = "jakarta.jms.Queue",
        destinationName = InjectionAndDefinitionsIT.DONE)
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = InjectionAndDefinitionsIT.RELAYED)})
public class DefinitionsSinkMdb implements MessageListener {
    @Resource(lookup = "java:comp/jms/sinkFactory")
    ConnectionFactory factory;

    @Resource(lookup = "java:comp/jms/done")
    Queue done;

    @Override
    public void onMessage(Message m) {
        try (JMSContext ctx = factory.createContext()) {
            ctx.createProducer().send(done, m.getBody(String.class) + " done");
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
