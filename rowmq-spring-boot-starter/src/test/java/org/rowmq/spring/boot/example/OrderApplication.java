package org.rowmq.spring.boot.example;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The example application: an order service that writes a row and sends a message in one transaction
 * ({@link OrderService}), and a listener that confirms it, updating the row and replying in one transaction
 * ({@link OrderListener}). Nothing RowMQ-specific is configured: the starter puts RowMQ on the application's DataSource.
 * A JDBC application (DataSourceTransactionManager): JPA, which the module's tests also have on their classpath for
 * the JPA application, is left out.
 */
@SpringBootApplication(excludeName = "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration")
public class OrderApplication {
}
