package org.rowmq.ra.it;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.RequestScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;

/** A CDI bean using the EE default JMS connection factory with no name at all. */
@RequestScoped
public class DefaultFactoryBean {
    @Resource
    ConnectionFactory factory;

    public void send(String queue, String body) {
        try (JMSContext ctx = factory.createContext()) {
            ctx.createProducer().send(ctx.createQueue(queue), body);
        }
    }
}
