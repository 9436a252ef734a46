package org.rowmq.admin;

/** A change the operator did not confirm; exits with {@link ExitCodes#REFUSED}, having changed nothing. */
final class NotConfirmed extends Exception {
    NotConfirmed(String message) {
        super(message);
    }
}
