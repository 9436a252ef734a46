package org.rowmq.wildfly.cdi;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;

/**
 * Adds the {@code @Inject JMSContext} producer to every CDI deployment (the subsystem makes this module's services
 * visible to each deployment, so the server finds this extension as one of the application's).
 */
public class JmsContextBeans implements Extension {
    void addProducer(@Observes BeforeBeanDiscovery discovery, BeanManager beans) {
        discovery.addAnnotatedType(beans.createAnnotatedType(InjectedJMSContextProducer.class),
                InjectedJMSContextProducer.class.getName());
    }
}
