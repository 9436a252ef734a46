package org.rowmq.spring.boot;

import io.micrometer.core.instrument.MeterRegistry;
import org.rowmq.client.RowConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * RowMQ's metrics in the application's Micrometer registry (Boot's, when Actuator brings one), instead of RowMQ's
 * default JMX MBeans. A post-processor, because the registry must reach the factory before its store opens, and the
 * factory opens at its first connection, which may come before any bean that could be handed both.
 */
@AutoConfiguration(after = RowMqAutoConfiguration.class)
@ConditionalOnClass({MeterRegistry.class, RowConnectionFactory.class})
public class RowMqMetricsAutoConfiguration {
    private static final Logger log = LoggerFactory.getLogger(RowMqMetricsAutoConfiguration.class);

    @Bean
    static BeanPostProcessor rowMqMeterRegistryBinder(ObjectProvider<MeterRegistry> registry) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof RowConnectionFactory factory) {
                    MeterRegistry r = registry.getIfUnique(); // Boot's composite registry is the primary one
                    if (r == null) return bean;
                    try {
                        factory.setMeterRegistry(r);
                    } catch (IllegalStateException alreadyOpen) {
                        // An application's own factory that connected while it was being built keeps its JMX MBeans.
                        log.warn("RowMQ connection factory '{}' opened its database before Spring could give it the"
                                + " MeterRegistry; its metrics stay in JMX ({})", beanName, alreadyOpen.getMessage());
                    }
                }
                return bean;
            }
        };
    }
}
