package org.rowmq.store;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.logging.LogFactory;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;

/**
 * Applies RowMQ's migrations for the dialect with Flyway. The history table is RowMQ's own, so an application's
 * Flyway is not disturbed; an application database that already has tables is baselined at version 0 and gets every
 * RowMQ migration. Flyway's lock makes JVMs starting at once safe; a database at an older RowMQ version is upgraded in
 * place, its messages kept. Flyway's own messages go to this class's logger at DEBUG ({@link MigrationLog}); an applied
 * migration is logged once at INFO.
 */
final class Schema {

    static final String HISTORY_TABLE = "rowmq_schema_history";
    private static final Logger log = LoggerFactory.getLogger(Schema.class);

    private Schema() {
    }

    static String location(Dialect dialect) {
        return "classpath:org/rowmq/store/schema/" + dialect.schemaFolder();
    }

    static void migrate(DataSource dataSource, Dialect dialect) {
        MigrateResult result;
        try {
            result = Flyway.configure(Schema.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations(location(dialect))
                    .table(HISTORY_TABLE)
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    // Strictly in version order (no outOfOrder), so every database has the same history; a migration
                    // takes the next free version when it lands (docs/architecture.md, "Schema migrations").
                    .loggers(MigrationLog.class.getName())
                    .load()
                    .migrate();
        } finally {
            // Flyway's logging is global, set by the last Flyway constructed: hand it back to Flyway's default
            // (auto-detection), so that an application's own Flyway does not log through RowMQ's logger.
            LogFactory.setConfiguration(Flyway.configure(Schema.class.getClassLoader()));
        }
        if (result.migrationsExecuted > 0) {
            log.info("RowMQ's tables migrated from schema version {} to {} ({} migrations applied)",
                    result.initialSchemaVersion == null ? "none" : result.initialSchemaVersion, result.targetSchemaVersion,
                    result.migrationsExecuted);
        }
    }
}
