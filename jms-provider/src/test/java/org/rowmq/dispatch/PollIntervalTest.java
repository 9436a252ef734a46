package org.rowmq.dispatch;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The idle looks of a consumer: short where only looking finds other JVMs' messages, longer where they are announced. */
class PollIntervalTest {

    @Test
    void withoutNotificationsLooksStartAt2MsAndDoubleTo250Ms() {
        assertEquals(List.of(2L, 4L, 8L, 16L, 32L, 64L, 128L, 250L, 250L), looks(new PollInterval(false), 9));
    }

    @Test
    void withNotificationsLooksStartAt50MsAndDoubleToOneSecond() {
        assertEquals(List.of(50L, 100L, 200L, 400L, 800L, 1000L, 1000L), looks(new PollInterval(true), 7));
    }

    @Test
    void resetStartsOverAfterTraffic() {
        PollInterval poll = new PollInterval(true);
        looks(poll, 4);
        poll.reset();
        assertEquals(50L, poll.next());
    }

    private static List<Long> looks(PollInterval poll, int n) {
        List<Long> looks = new ArrayList<>();
        for (int i = 0; i < n; i++) looks.add(poll.next());
        return looks;
    }
}
