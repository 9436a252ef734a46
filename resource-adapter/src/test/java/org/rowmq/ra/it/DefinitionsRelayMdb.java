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
 * In an EJB jar deployed alone ({@link InjectionAndDefinitionsIT}): sends what it receives through a factory defined
 * in the module's namespace (on a named connection definition) to a queue defined in the application's, both
 * injected.
 */
@JMSConnectionFactoryDefinition(name = "java:module/jms/relayFactory", properties = "connectionDefinition=java:/jms/rowmq")
@JMSDestinationDefinition(name = "java:app/jms/relayed", interfaceName = "jakarta.jms.Queue",
        destinationName = InjectionAndDefinitionsIT.RELAYED)
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = InjectionAndDefinitionsIT.REQUESTS)})
public class DefinitionsRelayMdb implements MessageListener {
    @Resource(lookup = "java:module/jms/relayFactory")
    ConnectionFactory factory;

    @Resource(lookup = "java:app/jms/relayed")
    Queue relayed;

    @Override
    public void onMessage(Message m) {
        try (JMSContext ctx = factory.createContext()) {
            ctx.createProducer().send(relayed, m.getBody(String.class) + " relayed");
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
