package org.rowmq.store;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** One caller's writes for the group committer: committed atomically, its future completed when durable. */
final class WorkUnit {

    final List<OutgoingMessage> sends;
    final long[] acknowledgements;
    /** In-flight rows about to be handed to the application: marked delivered (see {@link MessageWriter#markDelivered}). */
    final long[] deliveries;
    /** In-flight rows marked delivered ahead of their delivery; those no longer held are skipped. */
    final long[] deliveriesAhead;
    /** The subscription selectors judged on the sender's thread for its topic messages. */
    final Subscriptions.Selections selections;
    final CompletableFuture<Void> done = new CompletableFuture<>();
    /** Whose write this is: set when it is submitted (see {@link GroupCommitter#submit}). */
    WriteOrder order;

    WorkUnit(List<OutgoingMessage> sends, long[] acknowledgements, Subscriptions.Selections selections) {
        this(sends, acknowledgements, new long[0], new long[0], selections);
    }

    WorkUnit(List<OutgoingMessage> sends, long[] acknowledgements) {
        this(sends, acknowledgements, Subscriptions.Selections.NONE);
    }

    /** A transaction's sends and acknowledgements, with delivery marks written ahead. */
    WorkUnit(List<OutgoingMessage> sends, long[] acknowledgements, long[] deliveriesAhead,
             Subscriptions.Selections selections) {
        this(sends, acknowledgements, new long[0], deliveriesAhead, selections);
    }

    /** Acknowledgements and delivery marks, written in one transaction. */
    WorkUnit(long[] acknowledgements, long[] deliveries, long[] deliveriesAhead) {
        this(List.of(), acknowledgements, deliveries, deliveriesAhead, Subscriptions.Selections.NONE);
    }

    private WorkUnit(List<OutgoingMessage> sends, long[] acknowledgements, long[] deliveries, long[] deliveriesAhead,
                     Subscriptions.Selections selections) {
        this.sends = sends;
        this.acknowledgements = acknowledgements;
        this.deliveries = deliveries;
        this.deliveriesAhead = deliveriesAhead;
        this.selections = selections;
    }

    void succeed() {
        done.complete(null);
    }

    void fail(Throwable failure) {
        done.completeExceptionally(failure);
    }

    int rows() {
        return sends.size() + acknowledgements.length + deliveries.length + deliveriesAhead.length;
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
        if (deliveries.length > 0) {
            s.append(s.length() == 0 ? "" : " and ").append("record the delivery of ").append(deliveries.length)
                    .append(deliveries.length == 1 ? " message" : " messages");
        }
        return s.toString();
    }
}
