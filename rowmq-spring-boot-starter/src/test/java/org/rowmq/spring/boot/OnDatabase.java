package org.rowmq.spring.boot;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactories;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashMap;
import java.util.List;

/**
 * Runs a {@code @SpringBootTest} class's application on a fresh database of the given server instead of Boot's
 * embedded H2 (the classes without it): skipped before Spring starts when the server is unreachable (unless the build
 * requires it), otherwise given {@code spring.datasource.*} properties for a new, empty schema.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(OnDatabase.Reachable.class)
@ContextCustomizerFactories(OnDatabase.FreshDatabase.class)
@interface OnDatabase {
    BootDatabase value();

    /** Skips the class rather than let Spring report an unreachable server as a failure to load the context. */
    final class Reachable implements BeforeAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) {
            AnnotationSupport.findAnnotation(context.getRequiredTestClass(), OnDatabase.class)
                    .ifPresent(on -> on.value().assumeReachable());
        }
    }

    /** A fresh schema for each application context (the database is part of the context's cache key). */
    final class FreshDatabase implements ContextCustomizerFactory {
        @Override
        public ContextCustomizer createContextCustomizer(Class<?> testClass,
                                                         List<ContextConfigurationAttributes> configAttributes) {
            OnDatabase on = TestContextAnnotationUtils.findMergedAnnotation(testClass, OnDatabase.class);
            return on == null ? null : new FreshDataSource(on.value());
        }
    }

    record FreshDataSource(BootDatabase database) implements ContextCustomizer {
        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration merged) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource(
                    "fresh " + database + " database", new HashMap<>(database.freshDataSourceProperties())));
        }
    }
}
