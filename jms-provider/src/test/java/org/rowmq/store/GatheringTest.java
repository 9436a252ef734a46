package org.rowmq.store;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A group waits for the writers the last group released, and for no one else, half the last commit's duration at
 * most (see {@link Gathering}).
 */
class GatheringTest {

    @Test
    void theFirstGroupWaitsForNoOne() {
        Gathering gathering = new Gathering();
        gathering.start(0);
        gathering.joined(unit(new WriteOrder()));
        assertEquals(0, gathering.waitNanos(0));
    }

    @Test
    void aGroupWaitsForTheWritersTheLastGroupReleasedUntilAllAreIn() {
        WriteOrder producer = new WriteOrder();
        WriteOrder consumer = new WriteOrder();
        Gathering gathering = new Gathering();
        gathering.written(List.of(unit(producer), unit(consumer)), 1_000);

        gathering.start(10_000);
        gathering.joined(unit(producer));
        assertEquals(400, gathering.waitNanos(10_100), "half the last commit, from the start of the gathering");
        gathering.joined(unit(new WriteOrder()));
        assertEquals(300, gathering.waitNanos(10_200), "a writer not expected does not end the wait");
        gathering.joined(unit(consumer));
        assertEquals(0, gathering.waitNanos(10_300), "every writer expected is in");
    }

    @Test
    void aWriterThatDoesNotComeBackIsWaitedForOnceAndOnlyUntilTheTimeIsUp() {
        WriteOrder gone = new WriteOrder();
        WriteOrder staying = new WriteOrder();
        Gathering gathering = new Gathering();
        gathering.written(List.of(unit(gone), unit(staying)), 1_000);

        gathering.start(0);
        gathering.joined(unit(staying));
        assertEquals(0, gathering.waitNanos(500), "the time is up");
        gathering.written(List.of(unit(staying)), 1_000);

        gathering.start(2_000);
        gathering.joined(unit(staying));
        assertEquals(0, gathering.waitNanos(2_000), "the next group expects only the writers of the last one");
    }

    @Test
    void aSlowCommitDoesNotMakeTheNextGroupWaitLonger() {
        WriteOrder gone = new WriteOrder();
        Gathering gathering = new Gathering();
        gathering.written(List.of(unit(gone)), 50_000_000); // a commit slowed by a disk stall
        gathering.start(0);
        gathering.joined(unit(new WriteOrder()));
        assertEquals(Gathering.MAX_WAIT_NANOS, gathering.waitNanos(0));
    }

    private static WorkUnit unit(WriteOrder order) {
        WorkUnit unit = new WorkUnit(List.of(), new long[]{1});
        unit.order = order;
        return unit;
    }
}
