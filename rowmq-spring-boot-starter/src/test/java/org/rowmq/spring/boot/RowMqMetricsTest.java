package org.rowmq.spring.boot;

import org.junit.jupiter.api.Nested;

/** {@link RowMqMetricsContract} on Boot's embedded H2, PostgreSQL and MariaDB. */
class RowMqMetricsTest {

    @Nested
    class OnH2 extends RowMqMetricsContract {
    }

    @Nested
    @OnDatabase(BootDatabase.POSTGRESQL)
    class OnPostgresql extends RowMqMetricsContract {
    }

    @Nested
    @OnDatabase(BootDatabase.MARIADB)
    class OnMariadb extends RowMqMetricsContract {
    }
}
