package org.rowmq.appconn;

import jakarta.jms.ConnectionFactory;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceContext;
import org.rowmq.client.RowConnectionFactory;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.orm.jpa.vendor.HibernateJpaVendorAdapter;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Transactional;

import javax.sql.DataSource;
import java.util.Map;

/**
 * Spring wired as its users wire it: the application's DataSource, a local transaction manager on it (JDBC or JPA),
 * JdbcTemplate or an EntityManager, and JmsTemplate on RowMQ's connection factory bound to that DataSource's
 * transactions. No JTA anywhere.
 */
final class SpringWiring {

    private SpringWiring() {
    }

    /** A started application context with the given DataSource and configuration classes. */
    static AnnotationConfigApplicationContext context(DataSource dataSource, Class<?>... configuration) {
        AnnotationConfigApplicationContext ctx = new AnnotationConfigApplicationContext();
        ctx.registerBean("dataSource", DataSource.class, () -> dataSource);
        ctx.register(configuration);
        ctx.refresh();
        return ctx;
    }

    /** What every configuration shares: RowMQ on the application's DataSource, and JmsTemplate. */
    @Configuration
    @EnableTransactionManagement
    static class Messaging {
        @Bean
        RowConnectionFactory rowmq(DataSource dataSource) {
            return new RowConnectionFactory(dataSource);
        }

        /** The factory Spring's JMS support uses: its sessions work on the transaction's JDBC connection. */
        @Bean
        @Primary
        ConnectionFactory connectionFactory(RowConnectionFactory rowmq, DataSource dataSource) {
            return rowmq.boundTo(new TransactionAwareDataSourceProxy(dataSource));
        }

        @Bean
        JmsTemplate jmsTemplate(ConnectionFactory connectionFactory) {
            return new JmsTemplate(connectionFactory);
        }

        @Bean
        JdbcTemplate jdbcTemplate(DataSource dataSource) {
            return new JdbcTemplate(dataSource);
        }
    }

    @Configuration
    static class Jdbc extends Messaging {
        @Bean
        PlatformTransactionManager transactionManager(DataSource dataSource) {
            return new DataSourceTransactionManager(dataSource);
        }

        @Bean
        OrderService orderService(JdbcTemplate jdbc, JmsTemplate jms) {
            return new OrderService(jdbc, jms);
        }
    }

    @Configuration
    static class Jpa extends Messaging {
        @Bean
        LocalContainerEntityManagerFactoryBean entityManagerFactory(DataSource dataSource) {
            LocalContainerEntityManagerFactoryBean emf = new LocalContainerEntityManagerFactoryBean();
            emf.setDataSource(dataSource);
            emf.setPackagesToScan(AppOrder.class.getPackageName());
            emf.setJpaVendorAdapter(new HibernateJpaVendorAdapter());
            emf.setJpaPropertyMap(Map.of("hibernate.hbm2ddl.auto", "update"));
            return emf;
        }

        @Bean
        PlatformTransactionManager transactionManager(EntityManagerFactory emf) {
            return new JpaTransactionManager(emf);
        }

        @Bean
        JpaOrderService jpaOrderService(JmsTemplate jms) {
            return new JpaOrderService(jms);
        }
    }

    /** A service as applications write them: a row and a message in one @Transactional method. */
    static class OrderService {
        private final JdbcTemplate jdbc;
        private final JmsTemplate jms;

        OrderService(JdbcTemplate jdbc, JmsTemplate jms) {
            this.jdbc = jdbc;
            this.jms = jms;
        }

        @Transactional
        public void placeOrder(String table, String queue, String id, boolean refuse) {
            jdbc.update("INSERT INTO " + table + " (id, note) VALUES (?, ?)", id, "placed");
            jms.convertAndSend(queue, id);
            if (refuse) throw new IllegalStateException("payment refused for " + id);
        }
    }

    static class JpaOrderService {
        private final JmsTemplate jms;
        @PersistenceContext
        private EntityManager em;

        JpaOrderService(JmsTemplate jms) {
            this.jms = jms;
        }

        @Transactional
        public void placeOrder(String queue, String id, boolean refuse) {
            em.persist(new AppOrder(id, "placed"));
            em.flush(); // the row's INSERT before the message's, as an application that reads it back would have it
            jms.convertAndSend(queue, id);
            if (refuse) throw new IllegalStateException("payment refused for " + id);
        }

        @Transactional(readOnly = true)
        public AppOrder find(String id) {
            return em.find(AppOrder.class, id);
        }
    }
}
