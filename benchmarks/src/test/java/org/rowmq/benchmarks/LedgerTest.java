package org.rowmq.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LedgerTest {

    @Test
    void everyMessageReceivedOnceOnEveryCopyIsNeitherLostNorDuplicated() {
        Ledger ledger = new Ledger(2, 3);
        ledger.sent(0, 4);
        ledger.sent(1, 2);
        for (int copy = 0; copy < 3; copy++) {
            for (int s = 0; s < 4; s++) ledger.received(copy, 0, s);
            for (int s = 0; s < 2; s++) ledger.received(copy, 1, s);
        }
        assertEquals(0, ledger.lost());
        assertEquals(0, ledger.duplicates());
        assertEquals(0, ledger.missing());
        assertEquals(18, ledger.received());
        assertEquals(6, ledger.receivedPerCopy(), "in messages sent, what a producer's backlog limit counts");
    }

    @Test
    void aMessageOneSubscriberNeverGotIsLostAndOneItGotTwiceIsADuplicate() {
        Ledger ledger = new Ledger(1, 2);
        ledger.sent(0, 3);
        for (int s = 0; s < 3; s++) ledger.received(0, 0, s);
        ledger.received(1, 0, 0);
        ledger.received(1, 0, 2);
        ledger.received(1, 0, 2);
        assertEquals(1, ledger.lost());
        assertEquals(1, ledger.duplicates());
        assertEquals(1, ledger.missing());
    }

    @Test
    void aMessageOfNoProducerOfTheRunIsRefused() {
        Ledger ledger = new Ledger(1, 1);
        assertThrows(IllegalStateException.class, () -> ledger.received(0, 5, 0));
    }
}
