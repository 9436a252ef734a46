package org.rowmq.tx;

/**
 * Where in two-phase commit of two branches (two databases, or a database and RowMQ) the crash child stops (and is
 * then killed), with what recovery must make of it.
 */
public enum CrashPoint {
    /** Both branches prepared, the commit decision not yet logged: presumed abort, recovery rolls both back. */
    AFTER_PREPARE(false),
    /** Decision logged and the first branch committed: recovery commits the second. */
    MID_COMMIT(true),
    /** Both branches committed, the log not yet removed: recovery finds nothing to do and removes the log. */
    AFTER_COMMIT(true);

    public final boolean expectCommitted;

    CrashPoint(boolean expectCommitted) {
        this.expectCommitted = expectCommitted;
    }

    /** Whether the child should stop now, given how many prepares and commits have returned so far. */
    public boolean reached(int preparesReturned, int commitsReturned) {
        return switch (this) {
            case AFTER_PREPARE -> preparesReturned == 2 && commitsReturned == 0;
            case MID_COMMIT -> commitsReturned == 1;
            case AFTER_COMMIT -> commitsReturned == 2;
        };
    }
}
