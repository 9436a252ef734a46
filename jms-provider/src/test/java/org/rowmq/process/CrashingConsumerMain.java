package org.rowmq.process;

import jakarta.jms.Session;
import jakarta.jms.TransactionRolledBackException;

/**
 * A child JVM consuming a queue in a transacted session, one commit per message, until it is killed: for each message
 * it records "R" (received), commits, then records "C" (the commit returned). A SIGKILL can land anywhere in that
 * sequence, which is the point. A refused commit (the node presumed dead meanwhile) records nothing more and the
 * consumer goes on. Args: queue name, record file.
 */
public final class CrashingConsumerMain {
    private CrashingConsumerMain() {
    }

    public static void main(String[] args) throws Exception {
        ChildConsumer.consumeQueue(args, Session.SESSION_TRANSACTED, (m, session, records) -> {
            records.line(Consumption.format(Consumption.Kind.R, m));
            try {
                session.commit();
            } catch (TransactionRolledBackException refused) {
                // The tests' lease is short (1 s): on a loaded machine this node can be presumed dead and reaped, its
                // messages going to others, and its commit is then refused. Nothing was consumed; the message comes
                // again, flagged, as the ledger checks. The consumer carries on, as an application would.
                System.err.println("commit refused, the message comes again: " + refused.getMessage());
                return;
            }
            records.line(Consumption.format(Consumption.Kind.C, m));
        });
    }
}
