package org.rowmq.benchmarks;

import java.nio.file.Path;

/** What a run measures: RowMQ on PostgreSQL or H2, or one of the peers embedded in this JVM. */
enum Target {
    ROWMQ("RowMQ", true),
    ROWMQ_H2("RowMQ on H2 file", false),
    CLASSIC("ActiveMQ Classic JDBC", true),
    ARTEMIS_JDBC("Artemis JDBC", true),
    ARTEMIS_JOURNAL("Artemis file journal", false);

    final String title;
    final boolean onPostgres;

    Target(String title, boolean onPostgres) {
        this.title = title;
        this.onPostgres = onPostgres;
    }

    /**
     * Opens the provider for one run.
     *
     * @param postgres the benchmark's PostgreSQL (null when no target needs it)
     * @param scratch  a fresh directory this run may use (H2 files, the journal)
     * @param run      a number unique within the benchmark, so that each run has tables or names of its own
     */
    Broker open(Database postgres, Path scratch, int run) throws Exception {
        return switch (this) {
            case ROWMQ -> RowMqBroker.onPostgres(postgres.database("rowmq"));
            case ROWMQ_H2 -> RowMqBroker.onH2(scratch);
            case CLASSIC -> ClassicBroker.open(postgres.database("classic"), scratch);
            case ARTEMIS_JDBC -> ArtemisBroker.onJdbc(postgres.database("artemis"), scratch, run);
            case ARTEMIS_JOURNAL -> ArtemisBroker.onJournal(scratch);
        };
    }
}
