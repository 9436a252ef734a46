package org.rowmq.jndi;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import javax.naming.ConfigurationException;
import javax.naming.InitialContext;
import java.util.Hashtable;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Bad configuration fails when the InitialContext is created, with the key at fault and the problem. */
class ConfigurationErrorTest {

    static Stream<Arguments> mistakes() {
        String url = Contexts.uniqueUrl();
        return Stream.of(
                arguments("connectionFactory.cf.prefetch: 'ten' is not a whole number",
                        new String[]{"connectionFactory.cf", url, "connectionFactory.cf.prefetch", "ten"}),
                arguments("connectionFactory.cf.poolSize: must be between 1 and 2147483647, was 0",
                        new String[]{"connectionFactory.cf", url, "connectionFactory.cf.poolSize", "0"}),
                arguments("connectionFactory.cf.prefetch: must be between 1 and 2147483647, was 99999999999",
                        new String[]{"connectionFactory.cf", url, "connectionFactory.cf.prefetch", "99999999999"}),
                arguments("connectionFactory.cf.pooolSize: unknown option 'pooolSize' of connection factory 'cf'; the options are user, password, poolSize, prefetch, clientID",
                        new String[]{"connectionFactory.cf", url, "connectionFactory.cf.pooolSize", "3"}),
                arguments("connectionFactory.cf.user: there is no connectionFactory.cf=<JDBC URL> entry",
                        new String[]{"connectionFactory.cf.user", "app"}),
                arguments("connectionFactory.cf: 'tcp://localhost:61616' is not a JDBC URL",
                        new String[]{"connectionFactory.cf", "tcp://localhost:61616"}),
                arguments("connectionFactory.cf.clientID: the client ID is empty",
                        new String[]{"connectionFactory.cf", url, "connectionFactory.cf.clientID", " "}),
                arguments("connectionfactory.cf: is given twice, also as connectionFactory.cf",
                        new String[]{"connectionFactory.cf", url, "connectionfactory.cf", url}),
                arguments("queue.orders: The queue name 'bad name' contains ' ' at index 3",
                        new String[]{"queue.orders", "bad name"}),
                arguments("queue.orders: The queue name is empty",
                        new String[]{"queue.orders", ""}),
                arguments("topic.t: The topic name 'rowmq.tmp.x' starts with 'rowmq.'",
                        new String[]{"topic.t", "rowmq.tmp.x"}),
                arguments("topic.orders: 'orders' is already bound by queue.orders",
                        new String[]{"queue.orders", "orders", "topic.orders", "orders"}),
                arguments("queue.a/b: 'a' is already bound by queue.a, so it cannot also hold 'a/b'",
                        new String[]{"queue.a", "a", "queue.a/b", "b"}),
                arguments("queue.dynamicQueues/x: 'dynamicQueues/' is reserved",
                        new String[]{"queue.dynamicQueues/x", "x"}),
                arguments("queue.a//b: the JNDI name 'a//b' has an empty component",
                        new String[]{"queue.a//b", "b"}),
                arguments("queue.: the JNDI name is empty",
                        new String[]{"queue.", "b"}),
                arguments("queue.q.maxmessages: unknown queue limit 'maxmessages'; did you mean 'maxMessages'?",
                        new String[]{"queue.q", "q", "queue.q.maxmessages", "5"}),
                arguments("queue.q.maxMessages: must be between 0 and",
                        new String[]{"connectionFactory.cf", url, "queue.q", "q", "queue.q.maxMessages", "-1"}),
                arguments("queue.q.whenFull: 'WAIT' is neither FAIL nor BLOCK",
                        new String[]{"connectionFactory.cf", url, "queue.q", "q", "queue.q.whenFull", "WAIT"}),
                arguments("queue.q.blockTimeout: '5 s' is neither milliseconds (a whole number) nor an ISO-8601 duration",
                        new String[]{"connectionFactory.cf", url, "queue.q", "q", "queue.q.blockTimeout", "5 s"}),
                arguments("queue.q.redeliveryDelay: must not be negative, was PT-1S",
                        new String[]{"connectionFactory.cf", url, "queue.q", "q", "queue.q.redeliveryDelay", "PT-1S"}),
                arguments("queue.q.maxDeliveries: must be between 1 and",
                        new String[]{"connectionFactory.cf", url, "queue.q", "q", "queue.q.maxDeliveries", "0"}),
                arguments("queue.q.deadLetterQueue: The dead-letter queue name 'dead/letters' contains '/'",
                        new String[]{"connectionFactory.cf", url, "queue.q", "q", "queue.q.deadLetterQueue", "dead/letters"}),
                arguments("queue.bad name.*: 'bad name' is neither the JNDI name of a queue.<name> entry nor a valid queue name",
                        new String[]{"connectionFactory.cf", url, "queue.bad name.maxMessages", "5"}),
                arguments("queue.q.*: queue limits are stored in the database, so they need a connectionFactory.<name> entry",
                        new String[]{"queue.q", "q", "queue.q.maxMessages", "5"}),
                arguments("topic.t.maxMessages: destination limits are supported for queues only",
                        new String[]{"topic.t", "t", "topic.t.maxMessages", "5"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void theInitialContextIsNotCreated(String expectedMessageStart, String[] keysAndValues) {
        Hashtable<String, Object> env = Contexts.environment(keysAndValues);

        ConfigurationException e = assertThrows(ConfigurationException.class, () -> new InitialContext(env));
        assertTrue(e.getMessage().startsWith(expectedMessageStart), "message was: " + e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void aValueThatIsNotAStringIsNamed() {
        Hashtable<String, Object> env = Contexts.environment();
        env.put("connectionFactory.cf", 42);

        ConfigurationException e = assertThrows(ConfigurationException.class, () -> new InitialContext(env));
        assertTrue(e.getMessage().startsWith("connectionFactory.cf: the value must be a String, was java.lang.Integer"),
                e.getMessage());
    }
}
