package org.rowmq.jndi;

import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.message.DestinationNames;
import org.rowmq.message.RowQueue;
import org.rowmq.message.RowTopic;
import org.rowmq.security.SecurityFile;
import org.rowmq.store.DestinationSettings.FullPolicy;

import javax.naming.ConfigurationException;
import javax.naming.InvalidNameException;
import javax.naming.Name;
import javax.naming.NamingException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.nio.file.Path;

/**
 * Reads the environment's {@code connectionFactory.*}, {@code queue.*} and {@code topic.*} entries into a tree of
 * names, validating everything before anything is bound, so a mistake fails the InitialContext's creation with the
 * key at fault rather than a later lookup or send. The scheme is described on {@link RowInitialContextFactory}.
 */
final class JndiConfiguration {
    static final String CONNECTION_FACTORY_PREFIX = "connectionFactory.";
    /** Qpid JMS's spelling, accepted too so its users' files work unchanged. */
    static final String CONNECTION_FACTORY_PREFIX_QPID = "connectionfactory.";
    static final String QUEUE_PREFIX = "queue.";
    static final String TOPIC_PREFIX = "topic.";
    static final List<String> FACTORY_OPTIONS = List.of("user", "password", "poolSize", "prefetch", "clientID",
            "security", "jmsUser", "jmsPassword");
    static final List<String> QUEUE_LIMITS = List.of("maxMessages", "whenFull", "blockTimeout", "maxDeliveries",
            "deadLetterQueue", "redeliveryDelay");

    /** One property: its full key (for error messages) and its value. */
    private record Entry(String key, String value) {
    }

    private final StaticDirectory root = new StaticDirectory();
    /** Which key bound each JNDI name, to say what a conflicting key collides with. */
    private final Map<String, String> boundBy = new HashMap<>();
    private final Map<String, RowConnectionFactory> factories = new LinkedHashMap<>();
    private final Map<String, String> queueNames = new HashMap<>();
    private final List<QueueLimits> limits = new ArrayList<>();

    private JndiConfiguration() {
        root.bind(DynamicDestinations.QUEUES.contextName(), DynamicDestinations.QUEUES);
        root.bind(DynamicDestinations.TOPICS.contextName(), DynamicDestinations.TOPICS);
    }

    /** Parses and validates the environment; touches no database. */
    static JndiConfiguration read(Hashtable<?, ?> environment) throws NamingException {
        Map<String, Entry> factoryEntries = new TreeMap<>();
        Map<String, Entry> queueEntries = new TreeMap<>();
        Map<String, Entry> topicEntries = new TreeMap<>();
        for (Map.Entry<?, ?> e : new TreeMap<>(stringKeys(environment)).entrySet()) {
            String key = (String) e.getKey();
            Map<String, Entry> target;
            String rest;
            if (key.startsWith(CONNECTION_FACTORY_PREFIX) || key.startsWith(CONNECTION_FACTORY_PREFIX_QPID)) {
                target = factoryEntries;
                rest = key.substring(CONNECTION_FACTORY_PREFIX.length());
            } else if (key.startsWith(QUEUE_PREFIX)) {
                target = queueEntries;
                rest = key.substring(QUEUE_PREFIX.length());
            } else if (key.startsWith(TOPIC_PREFIX)) {
                target = topicEntries;
                rest = key.substring(TOPIC_PREFIX.length());
            } else {
                continue;
            }
            if (!(e.getValue() instanceof String value)) {
                throw error(key, "the value must be a String, was " + e.getValue().getClass().getName());
            }
            Entry previous = target.put(rest, new Entry(key, value));
            if (previous != null) {
                throw error(key, "is given twice, also as " + previous.key());
            }
        }
        JndiConfiguration configuration = new JndiConfiguration();
        configuration.readConnectionFactories(factoryEntries);
        configuration.readQueues(queueEntries);
        configuration.readTopics(topicEntries);
        return configuration;
    }

    private static Map<String, Object> stringKeys(Hashtable<?, ?> environment) {
        Map<String, Object> result = new HashMap<>();
        environment.forEach((k, v) -> {
            if (k instanceof String key) result.put(key, v);
        });
        return result;
    }

    StaticDirectory root() {
        return root;
    }

    /**
     * Hands the queue limits to every connection factory of this context (each may be a different database), which
     * stores them when it first uses its database: creating the context never needs the database up.
     */
    void deferQueueLimits() throws NamingException {
        if (limits.isEmpty()) return;
        if (factories.isEmpty()) {
            throw error(limits.get(0).keys(), "queue limits are stored in the database, so they need a "
                    + CONNECTION_FACTORY_PREFIX + "<name> entry to reach it");
        }
        Set<RowConnectionFactory> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
        distinct.addAll(factories.values());
        for (RowConnectionFactory factory : distinct) {
            for (QueueLimits queue : limits) {
                try {
                    factory.configureDestinationOnUse(queue.queue(), queue::applyTo, queue.keys());
                } catch (JMSException e) {
                    throw error(queue.keys(), e.getMessage());
                }
            }
        }
    }

    private void readConnectionFactories(Map<String, Entry> entries) throws NamingException {
        Map<String, Entry> definitions = new TreeMap<>();
        Map<String, Map<String, Entry>> options = new TreeMap<>();
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            String rest = e.getKey();
            int dot = rest.lastIndexOf('.');
            if (dot > 0 && FACTORY_OPTIONS.contains(rest.substring(dot + 1))) {
                options.computeIfAbsent(rest.substring(0, dot), name -> new TreeMap<>()).put(rest.substring(dot + 1), e.getValue());
            } else {
                definitions.put(rest, e.getValue());
            }
        }
        for (Map.Entry<String, Entry> e : definitions.entrySet()) {
            int dot = e.getKey().lastIndexOf('.');
            if (dot > 0 && definitions.containsKey(e.getKey().substring(0, dot))) {
                throw error(e.getValue().key(), "unknown option '" + e.getKey().substring(dot + 1)
                        + "' of connection factory '" + e.getKey().substring(0, dot) + "'; the options are "
                        + String.join(", ", FACTORY_OPTIONS));
            }
        }
        for (Map.Entry<String, Map<String, Entry>> e : options.entrySet()) {
            if (!definitions.containsKey(e.getKey())) {
                Entry first = e.getValue().values().iterator().next();
                throw error(first.key(), "there is no " + CONNECTION_FACTORY_PREFIX + e.getKey()
                        + "=<JDBC URL> entry for this option to belong to");
            }
        }
        for (Map.Entry<String, Entry> e : definitions.entrySet()) {
            ConnectionFactoryDefinition definition = define(e.getValue(), options.getOrDefault(e.getKey(), Map.of()));
            RowConnectionFactory factory = SharedConnectionFactories.get(definition);
            bind(e.getKey(), factory, e.getValue().key());
            factories.put(e.getKey(), factory);
        }
    }

    private static ConnectionFactoryDefinition define(Entry url, Map<String, Entry> options) throws NamingException {
        String jdbcUrl = url.value().trim();
        if (jdbcUrl.isEmpty()) {
            jdbcUrl = null;
        } else if (!jdbcUrl.startsWith("jdbc:")) {
            throw error(url.key(), "'" + jdbcUrl + "' is not a JDBC URL (jdbc:...); leave the value empty for the"
                    + " embedded H2 database");
        }
        Entry user = options.get("user");
        Entry password = options.get("password");
        Entry poolSize = options.get("poolSize");
        Entry prefetch = options.get("prefetch");
        Entry clientID = options.get("clientID");
        if (clientID != null && clientID.value().trim().isEmpty()) {
            throw error(clientID.key(), "the client ID is empty");
        }
        Entry security = options.get("security");
        String securityFile = security == null || security.value().isBlank() ? null : security.value().trim();
        if (securityFile != null) {
            try {
                SecurityFile.load(Path.of(securityFile), security.key()); // fails here, naming the key
            } catch (JMSException e) {
                throw error(security.key(), e.getMessage());
            }
        }
        Entry jmsUser = options.get("jmsUser");
        Entry jmsPassword = options.get("jmsPassword");
        return new ConnectionFactoryDefinition(jdbcUrl,
                user == null ? null : user.value(),
                password == null ? null : password.value(),
                poolSize == null ? null : (int) parseLong(poolSize, 1, Integer.MAX_VALUE),
                prefetch == null ? null : (int) parseLong(prefetch, 1, Integer.MAX_VALUE),
                clientID == null ? null : clientID.value().trim(), securityFile,
                jmsUser == null ? null : jmsUser.value().trim(), jmsPassword == null ? null : jmsPassword.value());
    }

    private void readQueues(Map<String, Entry> entries) throws NamingException {
        Map<String, Map<String, Entry>> limitEntries = new TreeMap<>();
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            String rest = e.getKey();
            int dot = rest.lastIndexOf('.');
            String suffix = dot > 0 ? rest.substring(dot + 1) : "";
            if (dot > 0 && QUEUE_LIMITS.contains(suffix)) {
                limitEntries.computeIfAbsent(rest.substring(0, dot), name -> new TreeMap<>()).put(suffix, e.getValue());
                continue;
            }
            for (String limit : QUEUE_LIMITS) {
                if (limit.equalsIgnoreCase(suffix)) {
                    throw error(e.getValue().key(), "unknown queue limit '" + suffix + "'; did you mean '" + limit + "'?");
                }
            }
            RowQueue queue = queue(e.getValue());
            bind(rest, queue, e.getValue().key());
            queueNames.put(rest, queue.getQueueName());
        }
        for (Map.Entry<String, Map<String, Entry>> e : limitEntries.entrySet()) {
            limits.add(readLimits(e.getKey(), e.getValue()));
        }
    }

    /** The limits of the queue bound as {@code jndiName}, or of the physical queue of that name if none is. */
    private QueueLimits readLimits(String jndiName, Map<String, Entry> entries) throws NamingException {
        String keys = QUEUE_PREFIX + jndiName + ".*";
        String queue = queueNames.get(jndiName);
        if (queue == null) {
            try {
                queue = DestinationNames.validate(jndiName, "queue name");
            } catch (InvalidDestinationException e) {
                throw error(keys, "'" + jndiName + "' is neither the JNDI name of a " + QUEUE_PREFIX
                        + "<name> entry nor a valid queue name: " + e.getMessage());
            }
        }
        Entry maxMessages = entries.get("maxMessages");
        Entry whenFull = entries.get("whenFull");
        Entry blockTimeout = entries.get("blockTimeout");
        Entry maxDeliveries = entries.get("maxDeliveries");
        Entry deadLetterQueue = entries.get("deadLetterQueue");
        Entry redeliveryDelay = entries.get("redeliveryDelay");
        return new QueueLimits(queue, keys,
                maxMessages == null ? null : parseLong(maxMessages, 0, Long.MAX_VALUE),
                whenFull == null ? null : parseFullPolicy(whenFull),
                blockTimeout == null ? null : parseDuration(blockTimeout),
                maxDeliveries == null ? null : (int) parseLong(maxDeliveries, 1, Integer.MAX_VALUE),
                deadLetterQueue == null ? null : destinationName(deadLetterQueue, "dead-letter queue name"),
                redeliveryDelay == null ? null : parseDuration(redeliveryDelay));
    }

    private void readTopics(Map<String, Entry> entries) throws NamingException {
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            String rest = e.getKey();
            int dot = rest.lastIndexOf('.');
            if (dot > 0 && QUEUE_LIMITS.contains(rest.substring(dot + 1))) {
                throw error(e.getValue().key(), "destination limits are supported for queues only");
            }
            bind(rest, topic(e.getValue()), e.getValue().key());
        }
    }

    private void bind(String jndiName, Object value, String key) throws NamingException {
        Name name;
        try {
            name = SlashNameParser.INSTANCE.parse(jndiName);
        } catch (InvalidNameException e) {
            throw error(key, "'" + jndiName + "' is not a valid JNDI name: " + e.getMessage());
        }
        if (name.isEmpty()) throw error(key, "the JNDI name is empty");
        for (int i = 0; i < name.size(); i++) {
            if (name.get(i).isEmpty()) throw error(key, "the JNDI name '" + jndiName + "' has an empty component");
        }
        String first = name.get(0);
        if (first.equals(DynamicDestinations.QUEUES.contextName()) || first.equals(DynamicDestinations.TOPICS.contextName())) {
            throw error(key, "'" + first + "/' is reserved for destinations looked up by name alone");
        }
        StaticDirectory directory = root;
        for (int i = 0; i < name.size() - 1; i++) {
            directory = directory.subdirectory(name.get(i));
            if (directory == null) {
                String prefix = String.join("/", Collections.list(name.getPrefix(i + 1).getAll()));
                throw error(key, "'" + prefix + "' is already bound by " + boundBy.get(prefix)
                        + ", so it cannot also hold '" + jndiName + "'");
            }
        }
        String qualified = String.join("/", Collections.list(name.getAll()));
        if (!directory.bind(name.get(name.size() - 1), value)) {
            String holder = boundBy.containsKey(qualified) ? "is already bound by " + boundBy.get(qualified)
                    : "is already a context holding other names";
            throw error(key, "'" + jndiName + "' " + holder);
        }
        boundBy.put(qualified, key);
    }

    private static RowQueue queue(Entry entry) throws ConfigurationException {
        try {
            return new RowQueue(entry.value().trim());
        } catch (InvalidDestinationException e) {
            throw error(entry.key(), e.getMessage());
        }
    }

    private static RowTopic topic(Entry entry) throws ConfigurationException {
        try {
            return new RowTopic(entry.value().trim());
        } catch (InvalidDestinationException e) {
            throw error(entry.key(), e.getMessage());
        }
    }

    private static String destinationName(Entry entry, String what) throws ConfigurationException {
        try {
            return DestinationNames.validate(entry.value().trim(), what);
        } catch (InvalidDestinationException e) {
            throw error(entry.key(), e.getMessage());
        }
    }

    private static long parseLong(Entry entry, long min, long max) throws ConfigurationException {
        long value;
        try {
            value = Long.parseLong(entry.value().trim());
        } catch (NumberFormatException e) {
            throw error(entry.key(), "'" + entry.value() + "' is not a whole number");
        }
        if (value < min || value > max) {
            throw error(entry.key(), "must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    /** Milliseconds as a whole number, or an ISO-8601 duration such as PT5S. */
    private static Duration parseDuration(Entry entry) throws ConfigurationException {
        String text = entry.value().trim();
        Duration duration;
        try {
            duration = text.chars().allMatch(Character::isDigit) && !text.isEmpty()
                    ? Duration.ofMillis(Long.parseLong(text)) : Duration.parse(text);
        } catch (NumberFormatException | DateTimeParseException e) {
            throw error(entry.key(), "'" + entry.value() + "' is neither milliseconds (a whole number) nor an"
                    + " ISO-8601 duration such as PT5S");
        }
        if (duration.isNegative()) throw error(entry.key(), "must not be negative, was " + text);
        return duration;
    }

    private static FullPolicy parseFullPolicy(Entry entry) throws ConfigurationException {
        try {
            return FullPolicy.valueOf(entry.value().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw error(entry.key(), "'" + entry.value() + "' is neither FAIL nor BLOCK");
        }
    }

    private static ConfigurationException error(String key, String problem) {
        return new ConfigurationException(key + ": " + problem);
    }
}
