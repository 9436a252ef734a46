package org.rowmq.jndi;

import org.rowmq.client.RowConnectionFactory;
import org.rowmq.client.RowXAConnectionFactory;

/**
 * A connection factory as the properties describe it. Being a record, it is also the identity under which
 * {@link SharedConnectionFactories} shares one {@link RowConnectionFactory} between equal definitions.
 *
 * @param jdbcUrl  the database, or null for RowMQ's embedded H2 default
 * @param user     database user, or null
 * @param password database password, or null
 * @param poolSize maximum connections of RowMQ's pool, or null for the default
 * @param prefetch messages one claim fetches, or null for the default
 * @param clientID the administratively configured client ID of the factory's connections, or null; factories
 *                 differing only in it are distinct instances
 * @param users    the users and passwords connections may authenticate with (empty: credentials are not checked)
 */
record ConnectionFactoryDefinition(String jdbcUrl, String user, String password, Integer poolSize, Integer prefetch,
                                   String clientID, java.util.Map<String, String> users) {

    /**
     * Always the XA-capable factory (as Artemis binds one class for both): it is a plain ConnectionFactory too, an
     * XA session exists only when createXAConnection asks for one, and an application configured by jndi.properties
     * needs no second entry, or a second pool on the same database, to enlist RowMQ with a transaction manager.
     */
    RowConnectionFactory create() {
        RowConnectionFactory factory = new RowXAConnectionFactory(jdbcUrl, user, password);
        if (poolSize != null) factory.setPoolSize(poolSize);
        if (prefetch != null) factory.setPrefetch(prefetch);
        if (clientID != null) factory.setClientID(clientID);
        users.forEach(factory::addUser);
        return factory;
    }

    @Override
    public String toString() {
        // Never the password: definitions appear in error messages.
        return "ConnectionFactoryDefinition[" + (jdbcUrl == null ? "embedded H2" : jdbcUrl) + ", user=" + user
                + ", poolSize=" + poolSize + ", prefetch=" + prefetch + ", clientID=" + clientID + ", users=" + users.keySet() + "]";
    }
}
