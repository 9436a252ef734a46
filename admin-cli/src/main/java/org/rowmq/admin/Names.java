package org.rowmq.admin;

import jakarta.jms.InvalidDestinationException;
import org.rowmq.message.DestinationNames;

/** Destination names given to commands that create or change destinations: the provider's own grammar. */
final class Names {

    private Names() {
    }

    static void check(String destination) throws BadInput {
        try {
            DestinationNames.validate(destination, "destination name");
        } catch (InvalidDestinationException e) {
            throw new BadInput(e.getMessage());
        }
    }
}
