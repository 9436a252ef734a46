package org.rowmq.spring.boot.example;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.jms.config.DefaultJmsListenerContainerFactory;
import org.springframework.stereotype.Component;

/** Test hook: {@code example.listener.cache-level} sets the listener containers' cache level (Boot has no property for it). */
@Component
public class ListenerCacheLevel implements BeanPostProcessor, EnvironmentAware {
    private String level;

    @Override
    public void setEnvironment(Environment environment) {
        level = environment.getProperty("example.listener.cache-level");
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String name) {
        if (level != null && bean instanceof DefaultJmsListenerContainerFactory factory)
            factory.setCacheLevelName(level);
        return bean;
    }
}
