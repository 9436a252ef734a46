package org.rowmq.admin;

/** What a command names does not exist; exits with {@link ExitCodes#NOT_FOUND}. */
final class NotFound extends Exception {
    NotFound(String message) {
        super(message);
    }
}
