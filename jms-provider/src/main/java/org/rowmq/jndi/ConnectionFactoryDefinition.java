package org.rowmq.jndi;

import org.rowmq.client.RowConnectionFactory;
import org.rowmq.client.RowXAConnectionFactory;
import org.rowmq.security.SecurityFile;

import jakarta.jms.JMSException;
import java.nio.file.Path;

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
 * @param security    the security file (users, roles, permissions), or null for the system-wide one or none
 * @param jmsUser     the factory's default credentials (for createConnection() without a user), or null
 * @param jmsPassword their password, or null
 */
record ConnectionFactoryDefinition(String jdbcUrl, String user, String password, Integer poolSize, Integer prefetch,
                                   String clientID, String security, String jmsUser, String jmsPassword) {

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
        if (security != null) {
            try {
                factory.setSecurity(SecurityFile.load(Path.of(security), "JNDI option security"));
            } catch (JMSException e) {
                // Read successfully moments ago when the context was configured; changed on disk since.
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        if (jmsUser != null) factory.setDefaultCredentials(jmsUser, jmsPassword);
        return factory;
    }

    @Override
    public String toString() {
        // Never the password: definitions appear in error messages.
        return "ConnectionFactoryDefinition[" + (jdbcUrl == null ? "embedded H2" : jdbcUrl) + ", user=" + user
                + ", poolSize=" + poolSize + ", prefetch=" + prefetch + ", clientID=" + clientID + ", security=" + security + ", jmsUser=" + jmsUser + "]";
    }
}
