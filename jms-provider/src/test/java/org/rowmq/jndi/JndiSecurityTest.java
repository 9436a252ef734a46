package org.rowmq.jndi;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSSecurityException;
import org.junit.jupiter.api.Test;
import org.rowmq.security.SecurityFixtures;
import org.rowmq.testsupport.TestDatabase;

import javax.naming.ConfigurationException;
import javax.naming.Context;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A JNDI-configured factory takes its security file and default credentials from its options. */
class JndiSecurityTest {

    @Test
    void theSecurityFileAndDefaultCredentialsComeFromTheFactorysOptions() throws Exception {
        TestDatabase db = TestDatabase.h2(JndiSecurityTest.class);
        Path file = SecurityFixtures.file(".properties", "user.app = " + SecurityFixtures.hash("app-pw")
                + "\nroles.app = app\npermission.all.match = #\npermission.all.send = app\n");
        Context context = Contexts.of("connectionFactory.cf", db.url(), "connectionFactory.cf.security", file.toString(),
                "connectionFactory.cf.jmsUser", "app", "connectionFactory.cf.jmsPassword", "app-pw");
        ConnectionFactory cf = (ConnectionFactory) context.lookup("cf");
        assertThrows(JMSSecurityException.class, () -> cf.createConnection("app", "wrong"));
        try (JMSContext ctx = cf.createContext()) { // as the default user
            ctx.createProducer().send(ctx.createQueue(TestDatabase.unique("jndi")), "sent as app");
        }
        context.close();
    }

    @Test
    void aMissingSecurityFileOrAPlainTextUserListFailsTheContextNamingTheKey() {
        ConfigurationException missing = assertThrows(ConfigurationException.class, () -> Contexts.of(
                "connectionFactory.cf", "", "connectionFactory.cf.security", "/nonexistent/rowmq-security.properties"));
        assertTrue(missing.getMessage().contains("connectionFactory.cf.security"), missing.getMessage());
        ConfigurationException plain = assertThrows(ConfigurationException.class, () -> Contexts.of(
                "connectionFactory.cf", "", "connectionFactory.cf.users", "alice:secret"));
        assertTrue(plain.getMessage().contains("unknown option 'users'"), plain.getMessage());
    }
}
