package org.rowmq.jndi;

import org.rowmq.client.RowConnectionFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link RowConnectionFactory} per distinct definition in this JVM. Applications (and the TCK) often create a
 * new InitialContext for every lookup; sharing keeps that from opening a new database pool each time. The
 * factories live as long as the JVM, like the objects of any JNDI provider; an application that closes one only
 * makes it reopen its database on next use.
 */
final class SharedConnectionFactories {
    private static final Map<ConnectionFactoryDefinition, RowConnectionFactory> FACTORIES = new ConcurrentHashMap<>();

    private SharedConnectionFactories() {
    }

    static RowConnectionFactory get(ConnectionFactoryDefinition definition) {
        return FACTORIES.computeIfAbsent(definition, ConnectionFactoryDefinition::create);
    }
}
