package org.rowmq.jndi;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.Topic;
import org.junit.jupiter.api.Test;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.message.RowQueue;
import org.rowmq.message.RowTopic;

import javax.naming.Binding;
import javax.naming.Context;
import javax.naming.InvalidNameException;
import javax.naming.NameClassPair;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;
import javax.naming.NotContextException;
import javax.naming.OperationNotSupportedException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LookupTest {

    @Test
    void connectionFactoriesQueuesAndTopicsAreBoundUnderTheirJndiNames() throws Exception {
        Context context = Contexts.of(
                "connectionFactory.cf", Contexts.uniqueUrl(),
                "queue.orders", "sales.orders",
                "topic.prices", "market.prices");

        assertInstanceOf(ConnectionFactory.class, context.lookup("cf"));
        assertInstanceOf(QueueConnectionFactory.class, context.lookup("cf"));
        assertEquals("sales.orders", ((Queue) context.lookup("orders")).getQueueName());
        assertEquals("market.prices", ((Topic) context.lookup("prices")).getTopicName());
    }

    @Test
    void namesWithSlashesFormSubcontexts() throws Exception {
        Context context = Contexts.of("queue.jms/in", "in", "queue.jms/out", "out", "queue.jms.dotted", "dotted");

        assertEquals(new RowQueue("in"), context.lookup("jms/in"));
        assertEquals(new RowQueue("dotted"), context.lookup("jms.dotted"));
        Context jms = (Context) context.lookup("jms");
        assertEquals(new RowQueue("out"), jms.lookup("out"));
        assertEquals("jms", jms.getNameInNamespace());
        assertEquals(new RowQueue("out"), context.lookup(context.getNameParser("").parse("jms/out")));
    }

    @Test
    void dynamicQueuesAndTopicsNameAnyValidDestination() throws Exception {
        Context context = Contexts.of();

        assertEquals(new RowQueue("any.queue"), context.lookup("dynamicQueues/any.queue"));
        assertEquals(new RowTopic("any.topic"), context.lookup("dynamicTopics/any.topic"));
        Context queues = (Context) context.lookup("dynamicQueues");
        assertEquals(new RowQueue("other"), queues.lookup("other"));
        assertTrue(Collections.list(queues.list("")).isEmpty(), "dynamic names are not listed");
    }

    @Test
    void anInvalidDynamicNameIsRefusedWithTheGrammar() throws Exception {
        Context context = Contexts.of();

        InvalidNameException e = assertThrows(InvalidNameException.class, () -> context.lookup("dynamicQueues/bad name"));
        assertTrue(e.getMessage().contains("dynamicQueues/bad name"), e.getMessage());
        assertTrue(e.getMessage().contains("contains ' '"), e.getMessage());
        assertThrows(InvalidNameException.class, () -> context.lookup("dynamicTopics/a/b"));
    }

    @Test
    void anUnboundNameIsNotFound() throws Exception {
        Context context = Contexts.of("queue.orders", "orders");

        NameNotFoundException e = assertThrows(NameNotFoundException.class, () -> context.lookup("missing"));
        assertTrue(e.getMessage().startsWith("missing is not bound"), e.getMessage());
        assertThrows(NotContextException.class, () -> context.lookup("orders/deeper"));
    }

    @Test
    void theEmptyNameIsANewInstanceOfTheSameContext() throws Exception {
        Context context = Contexts.of("queue.orders", "orders");

        Context copy = (Context) context.lookup("");
        copy.addToEnvironment("extra", "value");
        assertEquals(new RowQueue("orders"), copy.lookup("orders"));
        assertEquals("value", copy.getEnvironment().get("extra"));
        assertEquals(null, context.getEnvironment().get("extra"));
    }

    @Test
    void listAndListBindingsShowEveryBoundName() throws Exception {
        Context context = Contexts.of("connectionFactory.cf", Contexts.uniqueUrl(), "queue.q", "q", "topic.jms/t", "t");

        Map<String, String> classes = new TreeMap<>();
        for (NameClassPair pair : Collections.list(context.list(""))) classes.put(pair.getName(), pair.getClassName());
        assertEquals(Map.of(
                "cf", org.rowmq.client.RowXAConnectionFactory.class.getName(),
                "q", RowQueue.class.getName(),
                "jms", Context.class.getName(),
                "dynamicQueues", Context.class.getName(),
                "dynamicTopics", Context.class.getName()), classes);

        List<Binding> bindings = Collections.list(context.listBindings("jms"));
        assertEquals(1, bindings.size());
        assertEquals("t", bindings.get(0).getName());
        assertEquals(new RowTopic("t"), bindings.get(0).getObject());
    }

    @Test
    void theEnvironmentIsTheOneGiven() throws Exception {
        Context context = Contexts.of("queue.orders", "orders");

        assertEquals("orders", context.getEnvironment().get("queue.orders"));
        assertEquals(RowInitialContextFactory.class.getName(), context.getEnvironment().get(Context.INITIAL_CONTEXT_FACTORY));
        context.close();
    }

    @Test
    void theContextCannotBeChangedThroughJndi() throws Exception {
        Context context = Contexts.of("queue.orders", "orders");
        RowQueue x = new RowQueue("x");
        List<ContextChange> changes = List.of(
                c -> c.bind("x", x),
                c -> c.rebind("orders", x),
                c -> c.unbind("orders"),
                c -> c.rename("orders", "x"),
                c -> c.createSubcontext("x"),
                c -> c.destroySubcontext("dynamicQueues"),
                c -> c.bind(c.getNameParser("").parse("jms/x"), x));
        for (ContextChange change : changes) {
            OperationNotSupportedException e = assertThrows(OperationNotSupportedException.class, () -> change.apply(context));
            assertTrue(e.getMessage().contains("configured from properties"), e.getMessage());
        }
        assertEquals(new RowQueue("orders"), context.lookup("orders"));
    }

    @Test
    void equalDefinitionsShareOneFactoryAcrossContexts() throws Exception {
        String url = Contexts.uniqueUrl();
        Context first = Contexts.of("connectionFactory.a", url, "connectionFactory.a.prefetch", "3");
        Context second = Contexts.of("connectionFactory.b", url, "connectionFactory.b.prefetch", "3",
                "connectionFactory.c", url, "connectionFactory.c.prefetch", "4",
                "connectionFactory.d", url, "connectionFactory.d.prefetch", "3", "connectionFactory.d.clientID", "cts");

        assertSame(first.lookup("a"), second.lookup("b"));
        assertNotSame(first.lookup("a"), second.lookup("c"));
        assertNotSame(first.lookup("a"), second.lookup("d"), "a client ID makes a factory of its own");
    }

    @Test
    void optionsAreAppliedToTheFactory() throws Exception {
        Context context = Contexts.of("connectionFactory.cf", Contexts.uniqueUrl(),
                "connectionFactory.cf.prefetch", " 25 ", "connectionFactory.cf.poolSize", "3",
                "connectionFactory.cf.user", "app", "connectionFactory.cf.password", "secret");

        RowConnectionFactory factory = (RowConnectionFactory) context.lookup("cf");
        assertEquals(25, factory.getPrefetch());
        assertTrue(factory.toString().contains("jdbc:h2:file:"), factory.toString());
    }

    @Test
    void qpidsSpellingOfThePrefixIsAccepted() throws Exception {
        Context context = Contexts.of("connectionfactory.cf", Contexts.uniqueUrl(), "connectionfactory.cf.prefetch", "2");

        assertEquals(2, ((RowConnectionFactory) context.lookup("cf")).getPrefetch());
    }

    @Test
    void unrelatedEnvironmentEntriesAreIgnored() throws Exception {
        Context context = Contexts.of(Context.PROVIDER_URL, "whatever", "queuex", "y", "some.other.key", "z");

        assertEquals(Map.of(), withoutDynamic(context));
    }

    private static Map<String, String> withoutDynamic(Context context) throws Exception {
        Map<String, String> names = new TreeMap<>();
        for (NameClassPair pair : Collections.list(context.list(""))) names.put(pair.getName(), pair.getClassName());
        names.remove("dynamicQueues");
        names.remove("dynamicTopics");
        return names;
    }

    private interface ContextChange {
        void apply(Context context) throws NamingException;
    }
}
