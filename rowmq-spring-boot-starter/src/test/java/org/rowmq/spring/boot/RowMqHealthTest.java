package org.rowmq.spring.boot;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rowmq.spring.boot.example.OrderApplication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.NestedTestConfiguration;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link RowMqHealthContract} on Boot's embedded H2, PostgreSQL and MariaDB; and the property that turns it off. */
class RowMqHealthTest {

    @Nested
    class OnH2 extends RowMqHealthContract {
    }

    @Nested
    @OnDatabase(BootDatabase.POSTGRESQL)
    class OnPostgresql extends RowMqHealthContract {
    }

    @Nested
    @OnDatabase(BootDatabase.MARIADB)
    class OnMariadb extends RowMqHealthContract {
    }

    @Nested
    @NestedTestConfiguration(NestedTestConfiguration.EnclosingConfiguration.OVERRIDE)
    @SpringBootTest(classes = OrderApplication.class, properties = "management.health.rowmq.enabled=false")
    @DirtiesContext
    class TurnedOff {
        @Autowired
        ApplicationContext app;

        @Test
        void managementHealthRowmqEnabledFalseLeavesItOut() {
            assertTrue(app.containsBean("rowConnectionFactory"), "RowMQ itself is still there");
            assertFalse(app.containsBean("rowmqHealthIndicator"));
        }
    }
}
