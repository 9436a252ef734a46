package org.rowmq.spring.boot.example;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The example application: an HTTP order endpoint ({@link OrderController}) whose service writes a row and sends a
 * message in one transaction ({@link OrderService}), and a listener that confirms the order, updating the row and
 * replying in one transaction ({@link OrderListener}). Nothing RowMQ-specific is configured: the starter puts RowMQ on
 * the application's DataSource. A JDBC application (DataSourceTransactionManager): JPA, which the module's tests also
 * have on their classpath for the JPA application, is left out.
 */
@SpringBootApplication(excludeName = "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration")
public class OrderApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrderApplication.class, args);
    }

    /** The example's table, created at startup (a real application would leave that to Flyway or Liquibase). */
    @Bean
    ApplicationRunner orderTable(OrderService orders) {
        return args -> orders.createTable();
    }
}
