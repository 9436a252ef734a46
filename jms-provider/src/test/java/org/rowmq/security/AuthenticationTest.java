package org.rowmq.security;

import jakarta.jms.Connection;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.XAConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.client.RowXAConnectionFactory;
import org.rowmq.testsupport.TestDatabase;

import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Who may connect: checked when the connection or context is created, on every kind of factory method. */
class AuthenticationTest {

    static Stream<TestDatabase> databases() {
        return Stream.of(TestDatabase.h2(AuthenticationTest.class), TestDatabase.postgresql());
    }

    private static RowXAConnectionFactory factory(TestDatabase db, SecurityPolicy policy) {
        RowXAConnectionFactory cf = new RowXAConnectionFactory(db.config());
        cf.setSecurity(policy);
        return cf;
    }

    @ParameterizedTest
    @MethodSource("databases")
    void wrongCredentialsFailAtCreationOnEveryFactoryMethod(TestDatabase db) throws Exception {
        try (RowXAConnectionFactory cf = factory(db, SecurityFixtures.standardPolicy())) {
            JMSSecurityException e = assertThrows(JMSSecurityException.class, () -> cf.createConnection("alice", "wrong"));
            assertEquals("Authentication failed for user 'alice': unknown user or wrong password", e.getMessage());
            assertThrows(JMSSecurityException.class, () -> cf.createConnection("nobody", "alice-pw"));
            assertThrows(JMSSecurityException.class, () -> cf.createQueueConnection("alice", "wrong"));
            assertThrows(JMSSecurityException.class, () -> cf.createTopicConnection("alice", null));
            assertThrows(JMSSecurityRuntimeException.class, () -> cf.createContext("alice", "wrong"));
            assertThrows(JMSSecurityRuntimeException.class, () -> cf.createContext("alice", "wrong", JMSContext.CLIENT_ACKNOWLEDGE));
            assertThrows(JMSSecurityException.class, () -> cf.createXAConnection("alice", "wrong"));
            assertThrows(JMSSecurityException.class, () -> cf.createXAQueueConnection("alice", "wrong"));
            assertThrows(JMSSecurityException.class, () -> cf.createXATopicConnection("alice", "wrong"));
            assertThrows(JMSSecurityRuntimeException.class, () -> cf.createXAContext("alice", "wrong"));

            cf.createConnection("alice", "alice-pw").close();
            cf.createQueueConnection("bob", "bob-pw").close();
            cf.createContext("alice", "alice-pw").close();
            cf.createXAConnection("alice", "alice-pw").close();
            cf.createXAContext("bob", "bob-pw").close();
        }
    }

    /** The XA factory's connections act as the user they authenticated as, not as nobody in particular. */
    @ParameterizedTest
    @MethodSource("databases")
    void anXaConnectionCarriesItsUsersPermissions(TestDatabase db) throws Exception {
        try (RowXAConnectionFactory cf = factory(db, SecurityFixtures.standardPolicy());
             XAConnection bob = cf.createXAConnection("bob", "bob-pw")) {
            var session = bob.createXASession();
            var queue = session.createQueue(TestDatabase.unique("orders"));
            JMSSecurityException e = assertThrows(JMSSecurityException.class,
                    () -> session.createProducer(queue).send(session.createTextMessage("x")));
            assertTrue(e.getMessage().contains("user 'bob' may not send on '" + queue.getQueueName() + "'"), e.getMessage());
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void withoutCredentialsTheFactorysDefaultOnesOrTheAnonymousRolesApplyElseTheConnectionIsRefused(TestDatabase db)
            throws Exception {
        try (RowXAConnectionFactory cf = factory(db, SecurityFixtures.standardPolicy())) {
            JMSSecurityException e = assertThrows(JMSSecurityException.class, cf::createConnection);
            assertTrue(e.getMessage().startsWith("Authentication required"), e.getMessage());
            assertThrows(JMSSecurityRuntimeException.class, cf::createContext);
            assertThrows(JMSSecurityException.class, cf::createXAConnection);

            cf.setDefaultCredentials("alice", "alice-pw");
            try (Connection c = cf.createConnection(); JMSContext ctx = cf.createContext()) {
                ctx.createProducer().send(ctx.createQueue(TestDatabase.unique("orders")), "as alice");
            }
            cf.setDefaultCredentials("alice", "wrong");
            assertThrows(JMSSecurityException.class, cf::createConnection);
        }
        SecurityPolicy guests = SecurityPolicy.builder().user("alice", SecurityFixtures.hash("alice-pw"), "writer")
                .anonymous("guest").permit("public.#", Operation.SEND, "guest").build();
        try (RowConnectionFactory cf = factory(db, guests); JMSContext ctx = cf.createContext()) {
            ctx.createProducer().send(ctx.createQueue(TestDatabase.unique("public")), "anyone");
            JMSSecurityRuntimeException e = assertThrows(JMSSecurityRuntimeException.class,
                    () -> ctx.createProducer().send(ctx.createQueue(TestDatabase.unique("orders")), "x"));
            assertTrue(e.getMessage().contains("an unauthenticated connection may not send"), e.getMessage());
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void withNoSecurityConfigurationEveryConnectionIsAccepted(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config());
             JMSContext ctx = cf.createContext("anyone", "anything")) {
            ctx.createProducer().send(ctx.createQueue(TestDatabase.unique("open")), "open");
            cf.createConnection().close();
        }
    }

    @Test
    void usersRolesAndPermissionsComeFromAPropertiesFile() throws Exception {
        Path file = SecurityFixtures.file(".properties", """
                # made with java -cp jms-provider.jar org.rowmq.security.PasswordHash
                user.alice = %s
                roles.alice = writer, auditor
                permission.orders.match = orders.#
                permission.orders.send = writer
                permission.orders.browse = auditor
                """.formatted(SecurityFixtures.hash("alice-pw")));
        SecurityPolicy policy = SecurityPolicy.load(file);
        AuthenticatedUser alice = policy.authenticate("alice", "alice-pw");
        assertEquals(java.util.Set.of("writer", "auditor"), alice.roles());
        policy.authorize(alice, Operation.SEND, "orders.eu");
        policy.authorize(alice, Operation.BROWSE, "orders.eu");
        assertThrows(JMSSecurityException.class, () -> policy.authorize(alice, Operation.CONSUME, "orders.eu"));
        assertThrows(JMSSecurityException.class, () -> policy.authorize(alice, Operation.SEND, "billing"));
        assertThrows(JMSSecurityException.class, () -> policy.authenticate("alice", "wrong"));
    }

    @Test
    void theSameComeFromAJsonFile() throws Exception {
        Path file = SecurityFixtures.file(".json", """
                {"users": {"alice": {"password": "%s", "roles": ["writer"]}},
                 "anonymousRoles": ["guest"],
                 "permissions": [{"match": "orders.#", "send": ["writer"], "consume": ["guest"]}]}
                """.formatted(SecurityFixtures.hash("alice-pw")));
        SecurityPolicy policy = SecurityPolicy.load(file);
        policy.authorize(policy.authenticate("alice", "alice-pw"), Operation.SEND, "orders");
        policy.authorize(policy.authenticate(null, null), Operation.CONSUME, "orders.eu");
        assertThrows(JMSSecurityException.class,
                () -> policy.authorize(policy.authenticate(null, null), Operation.SEND, "orders"));
    }

    @Test
    void aMistakeInTheFileFailsTheLoadNamingIt() {
        IllegalArgumentException plain = assertThrows(IllegalArgumentException.class,
                () -> SecurityPolicy.load(SecurityFixtures.file(".properties", "user.alice = secret\n")));
        assertTrue(plain.getMessage().contains("not a password hash"), plain.getMessage());
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class, () -> SecurityPolicy.load(
                SecurityFixtures.file(".properties", "user.a = " + SecurityFixtures.hash("x")
                        + "\npermission.p.match = #\npermission.p.sned = r\n")));
        assertTrue(typo.getMessage().contains("unknown operation 'sned'"), typo.getMessage());
        IllegalArgumentException json = assertThrows(IllegalArgumentException.class, () -> SecurityPolicy.load(
                SecurityFixtures.file(".json", "{\"user\": {}}")));
        assertTrue(json.getMessage().contains("unknown key 'user'"), json.getMessage());
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aJaasLoginModuleAuthenticatesAndItsRolePrincipalsAreTheRoles(TestDatabase db) throws Exception {
        Configuration jaas = new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                return new AppConfigurationEntry[]{new AppConfigurationEntry(CountingLoginModule.class.getName(),
                        AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, Map.of())};
            }
        };
        SecurityPolicy policy = SecurityPolicy.builder()
                .jaas(new JaasAuthenticator("RowMQ", CountingLoginModule.RolePrincipal.class.getName(), jaas))
                .permit("orders.#", Operation.BROWSE, "reader").build();
        try (RowConnectionFactory cf = factory(db, policy)) {
            assertThrows(JMSSecurityException.class, () -> cf.createConnection("carol", "wrong"));
            try (Connection carol = cf.createConnection("carol", "carol-pw")) {
                var session = carol.createSession();
                var queue = session.createQueue(TestDatabase.unique("orders"));
                session.createBrowser(queue).close();
                JMSSecurityException e = assertThrows(JMSSecurityException.class, () -> session.createConsumer(queue));
                assertTrue(e.getMessage().contains("has roles [reader]"), "the user principal is no role: " + e.getMessage());
            }
        }
    }

    @Test
    void aJaasConfigurationFileNamedInThePropertiesFileIsUsed() throws Exception {
        Path jaasFile = SecurityFixtures.file(".conf", "RowMQTest {\n  " + CountingLoginModule.class.getName()
                + " required;\n};\n");
        Path file = SecurityFixtures.file(".properties", "jaas.entry = RowMQTest\njaas.config = "
                + jaasFile.getFileName() + "\njaas.roleClass = " + CountingLoginModule.RolePrincipal.class.getName()
                + "\npermission.all.match = #\npermission.all.consume = reader\n");
        SecurityPolicy policy = SecurityPolicy.load(file);
        policy.authorize(policy.authenticate("carol", "carol-pw"), Operation.CONSUME, "x");
        assertThrows(JMSSecurityException.class, () -> policy.authenticate("carol", "nope"));
    }

    /**
     * The TCK opens hundreds of connections with the same credentials: after the first, a login costs no PBKDF2
     * derivation or JAAS round trip. A wrong password is never answered from memory.
     */
    @Test
    void aSuccessfulLoginIsRememberedAndAWrongOneNever() throws Exception {
        Configuration jaas = new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                return new AppConfigurationEntry[]{new AppConfigurationEntry(CountingLoginModule.class.getName(),
                        AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, Map.of())};
            }
        };
        SecurityPolicy policy = SecurityPolicy.builder().jaas(new JaasAuthenticator("RowMQ", null, jaas)).build();
        int before = CountingLoginModule.LOGINS.get();
        for (int i = 0; i < 20; i++) policy.authenticate("carol", "carol-pw");
        assertEquals(before + 1, CountingLoginModule.LOGINS.get());
        for (int i = 0; i < 3; i++) assertThrows(JMSSecurityException.class, () -> policy.authenticate("carol", "carol-pW"));
        assertEquals(before + 4, CountingLoginModule.LOGINS.get(), "each wrong password asks the login module again");
    }
}
