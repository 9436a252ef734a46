package org.rowmq.spring.boot.kill;

import org.rowmq.spring.boot.example.ListenerCacheLevel;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.annotation.JmsListener;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

/**
 * The Boot application the kill test runs in a child JVM and kills with {@code kill -9}: a {@code @JmsListener} that,
 * in the listener container's one database transaction, applies each work item to a business table and sends a reply.
 * The table has no key on purpose: an item applied twice shows as two rows instead of failing the insert.
 *
 * <p>Prints READY once started; runs until its standard input ends (the test closes it, or dies), so that it never
 * outlives the test.
 */
@SpringBootApplication(excludeName = "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration")
@Import(ListenerCacheLevel.class)
public class WorkApplication {
    public static final String WORK = "work";
    public static final String REPLIES = "work-done";
    public static final String TABLE = "work_applied";

    public static void main(String[] args) throws Exception {
        ConfigurableApplicationContext app = new SpringApplicationBuilder(WorkApplication.class)
                .web(WebApplicationType.NONE).run(args);
        System.out.println("READY");
        System.out.flush();
        while (System.in.read() >= 0) {
            // wait for end-of-file
        }
        app.close();
    }

    @Component
    static class Worker {
        private final JdbcTemplate jdbc;
        private final JmsTemplate jms;

        Worker(JdbcTemplate jdbc, JmsTemplate jms) {
            this.jdbc = jdbc;
            this.jms = jms;
        }

        @JmsListener(destination = WORK, concurrency = "2")
        public void apply(String item) {
            jdbc.update("INSERT INTO " + TABLE + " (id) VALUES (?)", item);
            jms.convertAndSend(REPLIES, item);
        }
    }
}
