package org.rowmq.store;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** One caller's writes for the group committer: committed atomically, its future completed when durable. */
final class WorkUnit {

    final List<OutgoingMessage> sends;
    final long[] acknowledgements;
    /** The subscription selectors judged on the sender's thread for its topic messages. */
    final Subscriptions.Selections selections;
    final CompletableFuture<Void> done = new CompletableFuture<>();

    WorkUnit(List<OutgoingMessage> sends, long[] acknowledgements, Subscriptions.Selections selections) {
        this.sends = sends;
        this.acknowledgements = acknowledgements;
        this.selections = selections;
    }

    WorkUnit(List<OutgoingMessage> sends, long[] acknowledgements) {
        this(sends, acknowledgements, Subscriptions.Selections.NONE);
    }

    int rows() {
        return sends.size() + acknowledgements.length;
    }

    Set<String> destinations() {
        Set<String> names = new LinkedHashSet<>();
        for (OutgoingMessage m : sends) names.add(m.destination());
        return names;
    }

    /** What this unit does, for error messages. */
    String describe() {
        StringBuilder s = new StringBuilder();
        if (!sends.isEmpty()) {
            s.append("send ").append(sends.size()).append(sends.size() == 1 ? " message" : " messages").append(" to ");
            boolean first = true;
            for (String d : destinations()) {
                s.append(first ? "" : ", ").append('\'').append(d).append('\'');
                first = false;
            }
        }
        if (acknowledgements.length > 0) {
            s.append(s.length() == 0 ? "" : " and ").append("acknowledge ").append(acknowledgements.length)
                    .append(acknowledgements.length == 1 ? " message" : " messages");
        }
        return s.toString();
    }
}
