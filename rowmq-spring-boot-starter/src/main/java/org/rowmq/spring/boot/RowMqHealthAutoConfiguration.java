package org.rowmq.spring.boot;

import org.rowmq.client.RowConnectionFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;

/**
 * The {@code rowmq} health indicator, when Boot's health support is present (spring-boot-actuator) and
 * {@code management.health.rowmq.enabled} is not false.
 */
@AutoConfiguration(after = RowMqAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(RowConnectionFactory.class)
@ConditionalOnEnabledHealthIndicator("rowmq")
public class RowMqHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "rowmqHealthIndicator")
    RowMqHealthIndicator rowmqHealthIndicator(RowConnectionFactory rowConnectionFactory, RowMqProperties properties,
                                              ObjectProvider<DataSource> dataSource) {
        // The probe reads RowMQ's tables where RowMQ keeps them: its own database, or the application's DataSource.
        DataSource where = properties.getUrl() != null
                ? new DriverManagerDataSource(properties.getUrl(), properties.getUser(), properties.getPassword())
                : dataSource.getIfUnique();
        return new RowMqHealthIndicator(rowConnectionFactory, new StoreProbe(where));
    }
}
