package org.rowmq.jndi;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.message.RowQueue;
import org.rowmq.message.RowTopic;

import javax.naming.Context;
import javax.naming.InitialContext;
import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * {@code new InitialContext()} with no environment reads jndi.properties from the classpath. The file used here sits
 * under this package and is shown to InitialContext as "jndi.properties" by the thread's context class loader, so
 * that no other test in this module finds a jndi.properties it did not ask for.
 */
class JndiPropertiesTest {
    private ClassLoader previous;

    @BeforeEach
    void showTheFileAsJndiProperties() {
        previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(new ClassLoader(previous) {
            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                if (name.equals("jndi.properties")) {
                    return Collections.enumeration(List.of(getParent().getResource("org/rowmq/jndi/jndi.properties")));
                }
                return super.getResources(name);
            }
        });
    }

    @AfterEach
    void restore() {
        Thread.currentThread().setContextClassLoader(previous);
    }

    @Test
    void namesComeFromTheFile() throws Exception {
        Context context = new InitialContext();

        assertEquals(4, ((RowConnectionFactory) context.lookup("fileFactory")).getPrefetch());
        assertEquals(new RowQueue("jndi.file.queue"), context.lookup("fileQueue"));
        assertEquals(new RowTopic("jndi.file.topic"), context.lookup("fileTopic"));
    }

    @Test
    void theEnvironmentTakesPrecedenceOverTheFile() throws Exception {
        Hashtable<String, Object> env = new Hashtable<>();
        env.put("queue.overridden", "from.environment");

        assertEquals(new RowQueue("from.environment"), new InitialContext(env).lookup("overridden"));
    }

    @Test
    void aMessageTravelsThroughTheLookedUpFactoryAndQueue() throws Exception {
        Context context = new InitialContext();
        ConnectionFactory factory = (ConnectionFactory) context.lookup("fileFactory");
        Queue queue = (Queue) context.lookup("fileQueue");
        String text = "through JNDI " + UUID.randomUUID();

        try (JMSContext jms = factory.createContext()) {
            jms.createProducer().send(queue, text);
            String received = jms.createConsumer(queue).receiveBody(String.class, 30_000);
            assertNotNull(received, "no message within 30 s on " + queue);
            assertEquals(text, received);
        }
    }
}
