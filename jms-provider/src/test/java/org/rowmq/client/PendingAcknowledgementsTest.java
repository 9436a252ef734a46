package org.rowmq.client;

import org.junit.jupiter.api.Test;
import org.rowmq.store.MessageStore;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The watch over acknowledgements made in application transactions. A settling round redelivers a rolled-back
 * message and wakes its consumers before the round returns; a cached consumer (Spring's CACHE_CONSUMER) can receive it
 * and acknowledge it again in a new transaction before the round ends. That new acknowledgement must be settled by a
 * later round, not dropped with the old one (which left the message in flight under this node for good: never
 * redelivered again, never moved to its dead-letter queue).
 */
class PendingAcknowledgementsTest {

    @Test
    void anAcknowledgementRepeatedWhileItsRoundRunsIsSettledByALaterRound() throws Exception {
        long id = 42;
        List<List<Long>> rounds = new CopyOnWriteArrayList<>();
        PendingAcknowledgements[] pending = new PendingAcknowledgements[1];
        MessageStore store = (MessageStore) Proxy.newProxyInstance(MessageStore.class.getClassLoader(),
                new Class<?>[]{MessageStore.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "nodeId" -> "node-test";
                    case "settle" -> {
                        @SuppressWarnings("unchecked") Collection<Long> ids = (Collection<Long>) args[0];
                        rounds.add(new ArrayList<>(ids));
                        if (rounds.size() == 1) {
                            // The round redelivered the message; a waiting consumer took it again at once.
                            pending[0].add(id);
                        }
                        yield Set.of(); // every id given was decided (rolled back and redelivered, or committed)
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        pending[0] = new PendingAcknowledgements(store);
        try {
            pending[0].add(id);
            pending[0].settle(); // the first round, here rather than on the watch's thread, so the test knows it ended
            pending[0].settle();
            assertTrue(rounds.size() >= 2 && rounds.get(rounds.size() - 1).contains(id),
                    "the second acknowledgement is settled by a later round; rounds: " + rounds);
        } finally {
            pending[0].close();
        }
    }
}
