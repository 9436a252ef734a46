package org.rowmq.sample;

import jakarta.ejb.ApplicationException;

/** Input a user must correct; the REST API answers 400 with this message. Nothing is written. */
@ApplicationException(rollback = true)
public class InvalidRequest extends RuntimeException {
    public InvalidRequest(String message) {
        super(message);
    }
}
