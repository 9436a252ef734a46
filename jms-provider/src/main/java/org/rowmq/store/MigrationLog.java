package org.rowmq.store;

import org.flywaydb.core.api.logging.Log;
import org.flywaydb.core.api.logging.LogCreator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where Flyway's messages go while it migrates RowMQ's schema: to RowMQ's own SLF4J logger {@code org.rowmq.store.Schema},
 * its progress at DEBUG, its warnings and errors as such. Without this, Flyway picks a logging framework by itself
 * (java.util.logging when SLF4J has no provider) and prints about 25 INFO lines on every start, which a library
 * should not; {@link Schema} logs one INFO line when it applied a migration.
 *
 * <p>Public with a public constructor only because Flyway instantiates it by name ({@code loggers}).
 */
public final class MigrationLog implements LogCreator {

    private static final Logger log = LoggerFactory.getLogger(Schema.class);

    @Override
    public Log createLogger(Class<?> flywayClass) {
        return new Log() {
            @Override
            public boolean isDebugEnabled() {
                return log.isTraceEnabled();
            }

            @Override
            public void debug(String message) {
                log.trace(message);
            }

            @Override
            public void info(String message) {
                log.debug(message);
            }

            @Override
            public void notice(String message) {
                log.debug(message);
            }

            @Override
            public void warn(String message) {
                log.warn(message);
            }

            @Override
            public void error(String message) {
                log.error(message);
            }

            @Override
            public void error(String message, Exception e) {
                log.error(message, e);
            }
        };
    }
}
