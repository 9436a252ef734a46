package org.rowmq.dispatch;

import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.message.MessageCodec;
import org.rowmq.message.RowTextMessage;
import org.rowmq.store.MessageStore;
import org.rowmq.store.OutgoingMessage;
import org.rowmq.store.StoredMessage;
import org.rowmq.testsupport.TestDatabase;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Expiry is judged on the database's clock (as the store knows it), never on the JMSExpiration header the sender's
 * clock wrote nor on the receiver's clock: JVMs with skewed clocks agree on what has expired.
 */
class ExpiryClockTest {
    private static final long HOUR = 3_600_000;

    static Stream<TestDatabase> databases() {
        return TestDatabase.all();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aMessageFromASenderWhoseClockIsAnHourBehindIsDeliveredWithinItsTimeToLive(TestDatabase db) throws Exception {
        String queue = TestDatabase.unique("skewed-sender");
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config()); Connection c = cf.createConnection()) {
            // The sender's clock reads an hour earlier than ours: its JMSExpiration (its now plus a minute) is long past here.
            RowTextMessage m = new RowTextMessage("sent by a slow clock");
            long senderNow = System.currentTimeMillis() - HOUR;
            m.setJMSTimestamp(senderNow);
            m.setJMSExpiration(senderNow + 60_000);
            OutgoingMessage out = new OutgoingMessage(queue, 4, true, 60_000, 0, MessageCodec.encode(m));
            cf.store().send(List.of(out)).get(30, TimeUnit.SECONDS);

            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = s.createConsumer(s.createQueue(queue));
            c.start();
            TextMessage got = (TextMessage) consumer.receive(10_000);
            assertNotNull(got, "a message within its time to live on the database's clock was discarded as expired");
            assertEquals("sent by a slow clock", got.getText());
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aClaimedMessageExpiresOnTheDatabaseClockWhateverItsHeaderSays(TestDatabase db) throws Exception {
        String queue = TestDatabase.unique("expired-in-prefetch");
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config())) {
            MessageStore store = cf.store();
            // The sender's clock reads an hour later than ours: by its JMSExpiration, neither would expire for an hour.
            long senderNow = System.currentTimeMillis() + HOUR;
            for (long timeToLive : new long[]{HOUR, 1_000}) {
                RowTextMessage m = new RowTextMessage("lives " + timeToLive);
                m.setJMSTimestamp(senderNow);
                m.setJMSExpiration(senderNow + timeToLive);
                store.send(List.of(new OutgoingMessage(queue, 4, true, timeToLive, 0, MessageCodec.encode(m))))
                        .get(30, TimeUnit.SECONDS);
            }
            List<StoredMessage> claimed = store.claim(queue, 2, null);
            assertEquals(2, claimed.size(), "both claimed (as a prefetch would) while alive");
            Thread.sleep(1_500); // the second one's second on the database's clock runs out while it is held
            assertFalse(store.expired(claimed.get(0)), "an hour to live is not over");
            assertTrue(store.expired(claimed.get(1)), "a second to live is over on the database's clock");
        }
    }
}
