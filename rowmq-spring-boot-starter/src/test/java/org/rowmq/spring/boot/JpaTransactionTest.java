package org.rowmq.spring.boot;

import org.junit.jupiter.api.Nested;
import org.springframework.test.context.TestPropertySource;

/** {@link JpaTransactionContract} on H2 (Boot's embedded default), PostgreSQL and MariaDB, under CACHE_NONE and CACHE_CONSUMER. */
class JpaTransactionTest {

    @Nested
    @TestPropertySource(properties = "example.listener.cache-level=CACHE_NONE")
    class H2CacheNone extends JpaTransactionContract {
    }

    @Nested
    @TestPropertySource(properties = "example.listener.cache-level=CACHE_CONSUMER")
    class H2CacheConsumer extends JpaTransactionContract {
    }

    @Nested
    @TestPropertySource(properties = "example.listener.cache-level=CACHE_NONE")
    @OnDatabase(BootDatabase.POSTGRESQL)
    class PostgresqlCacheNone extends JpaTransactionContract {
    }

    @Nested
    @TestPropertySource(properties = "example.listener.cache-level=CACHE_CONSUMER")
    @OnDatabase(BootDatabase.POSTGRESQL)
    class PostgresqlCacheConsumer extends JpaTransactionContract {
    }

    @Nested
    @TestPropertySource(properties = "example.listener.cache-level=CACHE_NONE")
    @OnDatabase(BootDatabase.MARIADB)
    class MariadbCacheNone extends JpaTransactionContract {
    }

    @Nested
    @TestPropertySource(properties = "example.listener.cache-level=CACHE_CONSUMER")
    @OnDatabase(BootDatabase.MARIADB)
    class MariadbCacheConsumer extends JpaTransactionContract {
    }
}
