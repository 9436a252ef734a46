package org.rowmq.security;

import jakarta.jms.Connection;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.store.DestinationSettings;
import org.rowmq.testsupport.TestDatabase;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What each user may do on which destination (see {@link SecurityFixtures#standardPolicy()}): a refusal is a
 * JMSSecurityException naming the user, the operation and the destination, thrown by the call that attempts it,
 * and nothing is written.
 */
class AuthorizationTest {
    static final long WAIT = 10_000;

    static Stream<TestDatabase> databases() {
        return Stream.of(TestDatabase.h2(AuthorizationTest.class), TestDatabase.postgresql());
    }

    private static RowConnectionFactory factory(TestDatabase db) {
        RowConnectionFactory cf = new RowConnectionFactory(db.config());
        cf.setSecurity(SecurityFixtures.standardPolicy());
        return cf;
    }

    private static void assertRefusal(JMSSecurityException e, String user, String operation, String destination) {
        assertTrue(e.getMessage().contains("user '" + user + "' may not " + operation + " on '" + destination + "'"),
                e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aRefusedSendFailsAtTheSendAndWritesNothing(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = factory(db); Connection bob = cf.createConnection("bob", "bob-pw");
             Connection alice = cf.createConnection("alice", "alice-pw")) {
            String name = TestDatabase.unique("orders");
            Session bs = bob.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = bs.createQueue(name);
            MessageProducer fixed = bs.createProducer(queue); // creating it is no send
            assertRefusal(assertThrows(JMSSecurityException.class, () -> fixed.send(bs.createTextMessage("x"))),
                    "bob", "send", name);
            MessageProducer anonymous = bs.createProducer(null);
            assertRefusal(assertThrows(JMSSecurityException.class, () -> anonymous.send(queue, bs.createTextMessage("x"))),
                    "bob", "send", name);
            Session transacted = bob.createSession(true, Session.SESSION_TRANSACTED);
            assertThrows(JMSSecurityException.class,
                    () -> transacted.createProducer(queue).send(transacted.createTextMessage("x")));
            transacted.commit();
            assertEquals(0, cf.store().depth(name), "nothing written");

            Session as = alice.createSession(false, Session.AUTO_ACKNOWLEDGE);
            as.createProducer(queue).send(as.createTextMessage("from alice"));
            assertEquals(1, cf.store().depth(name));
            bob.start();
            assertEquals("from alice", ((TextMessage) bs.createConsumer(queue).receive(WAIT)).getText());
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void consumingAndBrowsingAreRefusedWhereTheUserMayNot(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = factory(db); Connection alice = cf.createConnection("alice", "alice-pw")) {
            String name = TestDatabase.unique("orders");
            Session s = alice.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = s.createQueue(name);
            s.createProducer(queue).send(s.createTextMessage("kept"));
            assertRefusal(assertThrows(JMSSecurityException.class, () -> s.createConsumer(queue)), "alice", "consume", name);
            assertRefusal(assertThrows(JMSSecurityException.class, () -> s.createBrowser(queue)), "alice", "browse", name);
            assertEquals(1, cf.store().depth(name), "the message stays for someone who may read it");
        }
        try (RowConnectionFactory cf = factory(db); JMSContext alice = cf.createContext("alice", "alice-pw")) {
            Queue queue = alice.createQueue(TestDatabase.unique("billing"));
            JMSSecurityRuntimeException e = assertThrows(JMSSecurityRuntimeException.class,
                    () -> alice.createProducer().send(queue, "x"));
            assertTrue(e.getMessage().contains("the match '#' gives 'send' to [admin], user 'alice' has roles [writer]"),
                    e.getMessage());
            assertThrows(JMSSecurityRuntimeException.class, () -> alice.createConsumer(queue));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void durableSubscriptionsNeedTheirOwnPermissionsToBeCreatedAndDeleted(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = factory(db); Connection bob = cf.createConnection("bob", "bob-pw");
             Connection alice = cf.createConnection("alice", "alice-pw");
             Connection admin = cf.createConnection("admin", "admin-pw")) {
            String events = TestDatabase.unique("events");
            String subscription = TestDatabase.unique("sub");
            String bobsClientId = TestDatabase.unique("bob");
            bob.setClientID(bobsClientId);
            Session bs = bob.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Topic topic = bs.createTopic(events);
            alice.setClientID(TestDatabase.unique("alice"));
            Session as = alice.createSession(false, Session.AUTO_ACKNOWLEDGE);
            assertRefusal(assertThrows(JMSSecurityException.class, () -> as.createDurableConsumer(topic, "a")),
                    "alice", "createDurableSubscription", events);
            assertRefusal(assertThrows(JMSSecurityException.class, () -> as.createSharedDurableConsumer(topic, "a")),
                    "alice", "createDurableSubscription", events);

            bs.createDurableConsumer(topic, subscription).close();
            as.createProducer(topic).send(as.createTextMessage("kept for bob"));
            assertRefusal(assertThrows(JMSSecurityException.class, () -> bs.unsubscribe(subscription)),
                    "bob", "deleteDurableSubscription", events);
            bob.start();
            MessageConsumer again = bs.createDurableConsumer(topic, subscription);
            assertEquals("kept for bob", ((TextMessage) again.receive(WAIT)).getText(),
                    "the refused unsubscribe deleted nothing");
            bob.close();

            admin.setClientID(bobsClientId);
            Session admins = admin.createSession(false, Session.AUTO_ACKNOWLEDGE);
            admins.unsubscribe(subscription);
            assertThrows(jakarta.jms.InvalidDestinationException.class, () -> admins.unsubscribe(subscription), "gone");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void temporaryDestinationsAndAdministrationNeedTheirPermissions(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = factory(db); Connection bob = cf.createConnection("bob", "bob-pw");
             Connection alice = cf.createConnection("alice", "alice-pw")) {
            Session bs = bob.createSession(false, Session.AUTO_ACKNOWLEDGE);
            JMSSecurityException e = assertThrows(JMSSecurityException.class, bs::createTemporaryQueue);
            assertTrue(e.getMessage().contains("user 'bob' may not createTemporary on 'rowmq.tmp.q."), e.getMessage());
            assertThrows(JMSSecurityException.class, bs::createTemporaryTopic);

            // alice may create one and use it without further permissions; bob may reply to it (send on rowmq.tmp.#)
            Session as = alice.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryQueue replies = as.createTemporaryQueue();
            MessageConsumer own = as.createConsumer(replies);
            bs.createProducer(replies).send(bs.createTextMessage("reply"));
            alice.start();
            assertEquals("reply", ((TextMessage) own.receive(WAIT)).getText());
        }
        try (RowConnectionFactory cf = factory(db)) {
            String name = TestDatabase.unique("billing");
            DestinationSettings limits = DestinationSettings.DEFAULTS.withRedeliveryDelay(java.time.Duration.ofSeconds(2));
            cf.setDefaultCredentials("alice", "alice-pw");
            JMSSecurityException e = assertThrows(JMSSecurityException.class, () -> cf.configureDestination(name, limits));
            assertRefusal(e, "alice", "admin", name);
            assertEquals(DestinationSettings.DEFAULTS, cf.destinationSettings(name), "nothing stored");
            cf.setDefaultCredentials("admin", "admin-pw");
            cf.configureDestination(name, limits);
            assertEquals(limits, cf.destinationSettings(name));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theMostSpecificMatchDecidesAlone(TestDatabase db) throws Exception {
        String prefix = TestDatabase.unique("shop");
        SecurityPolicy policy = SecurityPolicy.builder()
                .user("alice", SecurityFixtures.hash("alice-pw"), "writer")
                .permit(prefix + ".#", Operation.SEND, "writer")
                .permit(prefix + ".*.audit", Operation.CONSUME, "writer") // no send here, though shop.# gives it
                .build();
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config())) {
            cf.setSecurity(policy);
            try (JMSContext ctx = cf.createContext("alice", "alice-pw")) {
                ctx.createProducer().send(ctx.createQueue(prefix + ".eu.orders"), "ok");
                ctx.createProducer().send(ctx.createQueue(prefix + ".eu.audit.old"), "ok: * is one word");
                assertThrows(JMSSecurityRuntimeException.class,
                        () -> ctx.createProducer().send(ctx.createQueue(prefix + ".eu.audit"), "refused"));
                assertNotNull(ctx.createConsumer(ctx.createQueue(prefix + ".eu.audit")));
                assertEquals(0, cf.store().depth(prefix + ".eu.audit"));
                String uncovered = TestDatabase.unique("elsewhere");
                JMSSecurityRuntimeException e = assertThrows(JMSSecurityRuntimeException.class,
                        () -> ctx.createProducer().send(ctx.createQueue(uncovered), "refused"));
                assertTrue(e.getMessage().contains("no permission match covers it"), e.getMessage());
            }
        }
    }
}
