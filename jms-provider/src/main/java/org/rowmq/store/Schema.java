package org.rowmq.store;

import org.flywaydb.core.Flyway;

import javax.sql.DataSource;

/**
 * Applies RowMQ's migrations for the dialect with Flyway. The history table is RowMQ's own, so an application's
 * Flyway is not disturbed; an application database that already has tables is baselined at version 0 and gets every
 * RowMQ migration. Flyway's lock makes JVMs starting at once safe; a database at an older RowMQ version is upgraded in
 * place, its messages kept.
 */
final class Schema {

    static final String HISTORY_TABLE = "rowmq_schema_history";

    private Schema() {
    }

    static String location(Dialect dialect) {
        return "classpath:org/rowmq/store/schema/" + dialect.schemaFolder();
    }

    static void migrate(DataSource dataSource, Dialect dialect) {
        Flyway.configure(Schema.class.getClassLoader())
                .dataSource(dataSource)
                .locations(location(dialect))
                .table(HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                // Versions are reserved per feature and may land in any order (V4 before V3).
                .outOfOrder(true)
                .load()
                .migrate();
    }
}
