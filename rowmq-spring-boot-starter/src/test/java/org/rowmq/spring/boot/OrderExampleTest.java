package org.rowmq.spring.boot;

import org.junit.jupiter.api.Nested;
import org.springframework.test.context.TestPropertySource;

/**
 * {@link OrderEndpointContract} on every listener cache level Spring offers on Boot's embedded H2 (no setup at all),
 * and on CACHE_CONSUMER (the level that failed before RowMQ's fix) and CACHE_NONE on PostgreSQL and MariaDB.
 */
class OrderExampleTest {

    @Nested
    @TestPropertySource(properties = "example.listener.cache-level=CACHE_NONE")
    class H2CacheNone extends OrderEndpointContract {
    }

    @Nested
    @TestPropertySource(properties = "example.listener.cache-level=CACHE_CONNECTION")
    class H2CacheConnection extends OrderEndpointContract {
    }

    @Nested
    @TestPropertySource(properties = "example.listener.cache-level=CACHE_SESSION")
    class H2CacheSession extends OrderEndpointContract {
    }

    @Nested
    @TestPropertySource(properties = "example.listener.cache-level=CACHE_CONSUMER")
    class H2CacheConsumer extends OrderEndpointContract {
    }

    @Nested
    @TestPropertySource(properties = "example.listener.cache-level=CACHE_AUTO")
    class H2CacheAuto extends OrderEndpointContract {
    }

    @Nested
    @TestPropertySource(properties = "example.listener.cache-level=CACHE_CONSUMER")
    @OnDatabase(BootDatabase.POSTGRESQL)
    class PostgresqlCacheConsumer extends OrderEndpointContract {
    }

    @Nested
    @TestPropertySource(properties = "example.listener.cache-level=CACHE_NONE")
    @OnDatabase(BootDatabase.POSTGRESQL)
    class PostgresqlCacheNone extends OrderEndpointContract {
    }

    @Nested
    @TestPropertySource(properties = "example.listener.cache-level=CACHE_CONSUMER")
    @OnDatabase(BootDatabase.MARIADB)
    class MariadbCacheConsumer extends OrderEndpointContract {
    }

    @Nested
    @TestPropertySource(properties = "example.listener.cache-level=CACHE_NONE")
    @OnDatabase(BootDatabase.MARIADB)
    class MariadbCacheNone extends OrderEndpointContract {
    }
}
