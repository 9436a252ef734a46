package org.rowmq.spring.boot;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.security.SecurityFile;
import org.rowmq.store.DestinationSettings;
import org.rowmq.store.StoreConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jms.autoconfigure.DefaultJmsListenerContainerFactoryConfigurer;
import org.springframework.boot.jms.autoconfigure.JmsAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.jms.config.DefaultJmsListenerContainerFactory;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.util.Map;

/**
 * RowMQ as the application's JMS provider. With a DataSource and no {@code rowmq.url}, RowMQ keeps its tables in that
 * DataSource, and the {@link ConnectionFactory} that JmsTemplate and {@code @JmsListener} use works in the current
 * Spring transaction ({@code boundTo} a {@link TransactionAwareDataSourceProxy}): what a {@code @Transactional} method
 * or a listener under the application's DataSourceTransactionManager or JpaTransactionManager sends and receives
 * commits and rolls back with its JDBC and JPA work. No JTA, no XA, no second pool.
 *
 * <p>Boot's own listener container factory takes only a JTA transaction manager; this one replaces it, configured by
 * Boot's configurer ({@code spring.jms.listener.*}) and then given the application's transaction manager, without
 * which the listener's session would have no transaction to work in.
 */
@AutoConfiguration(after = {DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class},
        afterName = "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
        before = JmsAutoConfiguration.class)
@ConditionalOnClass({RowConnectionFactory.class, JmsTemplate.class})
@ConditionalOnMissingBean(ConnectionFactory.class)
@ConditionalOnProperty(prefix = "rowmq", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(RowMqProperties.class)
public class RowMqAutoConfiguration {

    /** RowMQ in the application's DataSource, sharing its transactions. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnSingleCandidate(DataSource.class)
    @Conditional(NoOwnDatabase.class)
    static class OnApplicationDataSource {

        @Bean(destroyMethod = "close")
        RowConnectionFactory rowConnectionFactory(DataSource dataSource, RowMqProperties properties) throws JMSException {
            return configured(new RowConnectionFactory(dataSource), properties);
        }

        /** The factory Spring's JMS support uses: each session statement runs on the transaction's connection. */
        @Bean
        @Primary
        ConnectionFactory jmsConnectionFactory(RowConnectionFactory rowConnectionFactory, DataSource dataSource) {
            return rowConnectionFactory.boundTo(new TransactionAwareDataSourceProxy(dataSource));
        }

        @Bean
        @ConditionalOnMissingBean(name = "jmsListenerContainerFactory")
        DefaultJmsListenerContainerFactory jmsListenerContainerFactory(
                DefaultJmsListenerContainerFactoryConfigurer configurer, ConnectionFactory jmsConnectionFactory,
                ObjectProvider<PlatformTransactionManager> transactionManager) {
            PlatformTransactionManager tm = transactionManager.getIfUnique();
            if (tm == null)
                throw new IllegalStateException("RowMQ's listeners work in the application's transactions on its"
                        + " DataSource, and the application has no single PlatformTransactionManager: add"
                        + " spring-boot-jdbc's DataSourceTransactionManager or a JpaTransactionManager bean, or set"
                        + " rowmq.url to give RowMQ a database of its own");
            DefaultJmsListenerContainerFactory factory = new DefaultJmsListenerContainerFactory();
            configurer.configure(factory, jmsConnectionFactory);
            factory.setTransactionManager(tm);
            return factory;
        }
    }

    /** RowMQ in a database of its own ({@code rowmq.url}); its sessions have RowMQ's own transactions. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "rowmq", name = "url")
    static class OnOwnDatabase {

        @Bean(destroyMethod = "close")
        RowConnectionFactory rowConnectionFactory(RowMqProperties properties) throws JMSException {
            RowConnectionFactory factory = new RowConnectionFactory(
                    StoreConfig.url(properties.getUrl(), properties.getUser(), properties.getPassword()));
            factory.setPoolSize(properties.getPoolSize());
            return configured(factory, properties);
        }
    }

    /** No {@code rowmq.url}: RowMQ goes into the application's DataSource. */
    static class NoOwnDatabase extends NoneNestedConditions {
        NoOwnDatabase() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnProperty(prefix = "rowmq", name = "url")
        static class OwnUrl {
        }
    }

    /** Applies the properties common to both; destination limits are stored at the factory's first use. */
    static RowConnectionFactory configured(RowConnectionFactory factory, RowMqProperties properties)
            throws JMSException {
        factory.setPrefetch(properties.getPrefetch());
        factory.setLease(properties.getLease().getHeartbeat(), properties.getLease().getTimeout());
        if (properties.getClientId() != null) factory.setClientID(properties.getClientId());
        if (properties.getSecurityFile() != null)
            factory.setSecurity(SecurityFile.load(Path.of(properties.getSecurityFile()), "rowmq.security-file"));
        for (Map.Entry<String, RowMqProperties.Destination> e : properties.getDestinations().entrySet()) {
            String origin = "rowmq.destinations." + e.getKey();
            var change = DestinationLimits.change(e.getValue());
            try {
                change.apply(DestinationSettings.DEFAULTS); // refuses bad values at startup, not at the first send
            } catch (IllegalArgumentException bad) {
                throw new IllegalStateException(origin + ": " + bad.getMessage(), bad);
            }
            factory.configureDestinationOnUse(e.getKey(), change, origin);
        }
        return factory;
    }
}
