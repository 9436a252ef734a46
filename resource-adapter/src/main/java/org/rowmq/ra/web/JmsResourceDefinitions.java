package org.rowmq.ra.web;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSConnectionFactoryDefinition;
import jakarta.jms.JMSConnectionFactoryDefinitions;
import jakarta.jms.JMSDestinationDefinition;
import jakarta.jms.JMSDestinationDefinitions;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnectionFactory;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.HandlesTypes;
import org.rowmq.message.RowQueue;
import org.rowmq.message.RowTopic;
import org.rowmq.ra.cdi.InjectedJMSContextProducer;

import javax.naming.InitialContext;
import javax.naming.LinkRef;
import javax.naming.NamingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code @JMSConnectionFactoryDefinition} and {@code @JMSDestinationDefinition} (Jakarta Messaging 3.1, section 12.5)
 * on a server without the messaging subsystem that would otherwise process them. The server hands this initializer
 * the web module's classes that carry them (a servlet container initializer, imported with the adapter's module),
 * and it binds them in JNDI when the module starts: then the server lets a deployment write to java:global/ (not
 * while CDI boots, and never to java:app/, java:module/ or java:comp/). The bindings belong to the deployment and go
 * with it. EE references ({@code @Resource(lookup = ...)}) to such names cannot wait for them (the server resolves
 * those before the module starts): applications look them up.
 *
 * <p>A connection factory definition names one of the adapter's connection definitions configured in the server (its
 * property {@code connectionDefinition}, the JNDI name; the EE default factory otherwise), so its connections are
 * pooled and enlisted as that definition's: pool sizes, credentials and client IDs are configured there and refused
 * here. A destination definition is a RowMQ queue or topic with the physical name {@code destinationName} (the last
 * part of its JNDI name when empty).
 */
@HandlesTypes({JMSConnectionFactoryDefinition.class, JMSConnectionFactoryDefinitions.class,
        JMSDestinationDefinition.class, JMSDestinationDefinitions.class})
public class JmsResourceDefinitions implements ServletContainerInitializer {
    /** The property of a connection factory definition naming the server's connection definition it uses. */
    public static final String CONNECTION_DEFINITION = "connectionDefinition";

    @Override
    public void onStartup(Set<Class<?>> annotated, ServletContext module) throws ServletException {
        if (annotated == null) return;
        List<String> errors = new ArrayList<>();
        InitialContext jndi;
        try {
            jndi = new InitialContext();
        } catch (NamingException e) {
            throw new ServletException("RowMQ could not reach JNDI to bind the JMS resource definitions", e);
        }
        for (Class<?> c : annotated) {
            for (JMSConnectionFactoryDefinition d : c.getAnnotationsByType(JMSConnectionFactoryDefinition.class)) {
                if (!isRowMQ(d.resourceAdapter())) continue;
                try {
                    checkName(d.name());
                    checkFactory(d);
                    jndi.bind(d.name(), new LinkRef(connectionDefinition(d)));
                } catch (IllegalArgumentException | IllegalStateException | NamingException e) {
                    errors.add("@JMSConnectionFactoryDefinition(name = \"" + d.name() + "\") on " + c.getName() + ": "
                            + e.getMessage());
                }
            }
            for (JMSDestinationDefinition d : c.getAnnotationsByType(JMSDestinationDefinition.class)) {
                if (!isRowMQ(d.resourceAdapter())) continue;
                try {
                    checkName(d.name());
                    jndi.bind(d.name(), destination(d));
                } catch (IllegalArgumentException | NamingException e) {
                    errors.add("@JMSDestinationDefinition(name = \"" + d.name() + "\") on " + c.getName() + ": "
                            + e.getMessage());
                }
            }
        }
        if (!errors.isEmpty()) throw new ServletException("RowMQ could not bind: " + String.join("; ", errors));
    }

    /** An empty resourceAdapter means the server's default JMS provider, which is RowMQ where this adapter is used. */
    static boolean isRowMQ(String resourceAdapter) {
        return resourceAdapter.isEmpty() || resourceAdapter.startsWith("rowmq");
    }

    private static void checkName(String name) {
        if (!name.startsWith("java:global/"))
            throw new IllegalArgumentException("RowMQ binds definitions in java:global/ only (the server keeps "
                    + "java:app/, java:module/ and java:comp/ read-only to a deployment at run time); rename it, e.g. "
                    + "java:global/jms/" + name.substring(name.lastIndexOf('/') + 1));
    }

    private static void checkFactory(JMSConnectionFactoryDefinition d) {
        String refused = d.user().isEmpty() && d.password().isEmpty() ? d.clientId().isEmpty() ? null : "clientId"
                : "user/password";
        if (refused == null && (d.maxPoolSize() != -1 || d.minPoolSize() != -1)) refused = "minPoolSize/maxPoolSize";
        if (refused == null && !d.transactional()) refused = "transactional = false";
        if (refused != null)
            throw new IllegalArgumentException(refused + " is configured on the server's RowMQ connection definition "
                    + "that the definition names with the property " + CONNECTION_DEFINITION + "=<its JNDI name>");
        Set<String> interfaces = Set.of(ConnectionFactory.class.getName(), QueueConnectionFactory.class.getName(),
                TopicConnectionFactory.class.getName());
        if (!interfaces.contains(d.interfaceName()))
            throw new IllegalArgumentException("interfaceName " + d.interfaceName() + " is not one of " + interfaces);
    }

    /**
     * The JNDI name of the server's connection definition that a factory definition stands for; the definition's name
     * becomes a link to it, so lookups get the server's pooled factory itself.
     */
    static String connectionDefinition(JMSConnectionFactoryDefinition d) throws NamingException {
        String target = property(d.properties(), CONNECTION_DEFINITION, InjectedJMSContextProducer.SERVER_DEFAULT_FACTORY);
        Object found = new InitialContext().lookup(target);
        if (!(found instanceof ConnectionFactory))
            throw new IllegalStateException(target + " (" + CONNECTION_DEFINITION + ") is not a JMS connection factory "
                    + "but " + found);
        return target;
    }

    /**
     * The provider's own queue or topic: the adapter's admin objects are Referenceable for the resource-adapters
     * subsystem, and the naming service would bind their (absent) Reference instead of them.
     */
    static Destination destination(JMSDestinationDefinition d) {
        String physical = d.destinationName().isEmpty() ? d.name().substring(d.name().lastIndexOf('/') + 1)
                : d.destinationName();
        try {
            if (d.interfaceName().equals(Queue.class.getName())) return new RowQueue(physical);
            if (d.interfaceName().equals(Topic.class.getName())) return new RowTopic(physical);
        } catch (InvalidDestinationException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        throw new IllegalArgumentException("interfaceName must be jakarta.jms.Queue or jakarta.jms.Topic, not "
                + d.interfaceName());
    }

    /** A {@code key=value} entry of a definition's properties. */
    static String property(String[] properties, String key, String fallback) {
        for (String p : properties) {
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).trim().equals(key)) return p.substring(eq + 1).trim();
        }
        return fallback;
    }
}
