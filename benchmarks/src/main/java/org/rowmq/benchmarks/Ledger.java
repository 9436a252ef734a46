package org.rowmq.benchmarks;

import java.util.BitSet;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every message of a run, accounted for: producers record how many messages they sent (once the send or the
 * transaction's commit returned), consumers record each (producer, sequence) they received per copy (a durable
 * subscriber is one copy). A sequence received twice on one copy is a duplicate; a sequence sent but never received
 * once the run drained is lost.
 */
final class Ledger {
    private final int producers;
    private final int copies;
    private final AtomicLongArray sent;
    private final BitSet[] seen;
    private final LongAdder received = new LongAdder();
    private final LongAdder duplicates = new LongAdder();

    Ledger(int producers, int copies) {
        this.producers = producers;
        this.copies = copies;
        this.sent = new AtomicLongArray(producers);
        this.seen = new BitSet[producers * copies];
        for (int i = 0; i < seen.length; i++) seen[i] = new BitSet();
    }

    /** The producer's messages 0..count-1 are durable (its sends or its commit returned). */
    void sent(int producer, long count) {
        sent.set(producer, count);
    }

    void received(int copy, int producer, long sequence) {
        if (producer < 0 || producer >= producers || sequence < 0 || sequence > Integer.MAX_VALUE)
            throw new IllegalStateException("a message of no producer of this run arrived: producer " + producer
                    + ", sequence " + sequence);
        BitSet bits = seen[copy * producers + producer];
        boolean again;
        synchronized (bits) {
            again = bits.get((int) sequence);
            if (!again) bits.set((int) sequence);
        }
        if (again) duplicates.increment();
        else received.increment();
    }

    /** Distinct messages received, all copies together. */
    long received() {
        return received.sum();
    }

    /** Copies received divided by the copies: in messages sent, which the closed loop compares it with. */
    long receivedPerCopy() {
        return received.sum() / copies;
    }

    long sentTotal() {
        long total = 0;
        for (int p = 0; p < producers; p++) total += sent.get(p);
        return total;
    }

    /** Messages still missing, over all copies: zero once everything sent has arrived everywhere. */
    long missing() {
        return sentTotal() * copies - received.sum();
    }

    long duplicates() {
        return duplicates.sum();
    }

    /** Messages sent that some copy never received (counted per copy), checked sequence by sequence. */
    long lost() {
        long lost = 0;
        for (int c = 0; c < copies; c++) {
            for (int p = 0; p < producers; p++) {
                BitSet bits = seen[c * producers + p];
                int count = (int) sent.get(p);
                synchronized (bits) {
                    lost += count - bits.get(0, count).cardinality();
                }
            }
        }
        return lost;
    }
}
