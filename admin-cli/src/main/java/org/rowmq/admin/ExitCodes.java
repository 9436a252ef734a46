package org.rowmq.admin;

/**
 * What {@code rowmq} returns, for scripts. Usage errors keep picocli's own code (2), so a mistyped option and a
 * malformed value read the same.
 */
public final class ExitCodes {
    /** Done (or, for a listing, read). */
    public static final int OK = 0;
    /** The database failed or could not be reached; nothing the command reported as done is in doubt. */
    public static final int FAILED = 1;
    /** Bad usage or input: an unknown option, a malformed value, an invalid selector. Nothing was changed. */
    public static final int USAGE = 2;
    /** The destination, subscription or XA branch named does not exist. Nothing was changed. */
    public static final int NOT_FOUND = 3;
    /** Refused: not confirmed (no --yes and no "yes" typed), or the state forbids it (an active consumer, a duplicate). */
    public static final int REFUSED = 4;

    private ExitCodes() {
    }
}
