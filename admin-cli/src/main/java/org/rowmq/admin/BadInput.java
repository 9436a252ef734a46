package org.rowmq.admin;

/** Input the command cannot act on; exits with {@link ExitCodes#USAGE} and the message, having changed nothing. */
final class BadInput extends Exception {
    BadInput(String message) {
        super(message);
    }
}
