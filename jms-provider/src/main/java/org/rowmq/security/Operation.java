package org.rowmq.security;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What a user may be allowed to do to a destination; {@link #configName()} is the word in security files. */
public enum Operation {
    SEND("send"),
    CONSUME("consume"),
    BROWSE("browse"),
    /** Creating a durable subscription (or attaching to one): Artemis's createDurableQueue. */
    CREATE_DURABLE_SUBSCRIPTION("createDurableSubscription"),
    /** Session.unsubscribe: Artemis's deleteDurableQueue. */
    DELETE_DURABLE_SUBSCRIPTION("deleteDurableSubscription"),
    /** Creating a temporary queue or topic; matched against its name, rowmq.tmp.q.* or rowmq.tmp.t.*. */
    CREATE_TEMPORARY("createTemporary"),
    /** Changing a destination's stored settings (limits, dead-letter policy). */
    ADMIN("admin");

    private final String configName;

    Operation(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static Operation ofConfigName(String name) {
        for (Operation o : values()) {
            if (o.configName.equals(name)) return o;
        }
        throw new IllegalArgumentException("unknown operation '" + name + "'; the operations are "
                + Arrays.stream(values()).map(Operation::configName).collect(Collectors.joining(", ")));
    }
}
