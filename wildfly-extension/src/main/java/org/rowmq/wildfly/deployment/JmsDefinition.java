package org.rowmq.wildfly.deployment;

import org.jboss.as.ee.resource.definition.ResourceDefinitionInjectionSource;

/**
 * A Jakarta Messaging resource definition (Jakarta Messaging 3.1, section 12.5) as the application wrote it, in an
 * annotation or in a deployment descriptor: the rules RowMQ applies to it and what the server binds for it. The
 * readers of the two forms only turn what they read into one of these, so both forms mean the same.
 */
sealed interface JmsDefinition permits FactoryDefinition, DestinationDefinition {

    /** The JNDI name the definition binds (java:comp, java:module, java:app or java:global). */
    String name();

    /** Why RowMQ cannot honour the definition, with what to write instead; null when it can. */
    String problem();

    /** What the server binds at {@link #name()}; only for a definition without a {@link #problem()}. */
    ResourceDefinitionInjectionSource binding();

    /** Empty names the server's default JMS provider, which is RowMQ where this subsystem is installed. */
    static String resourceAdapterProblem(String resourceAdapter) {
        if (resourceAdapter.isEmpty() || resourceAdapter.startsWith("rowmq")) return null;
        return "resourceAdapter = \"" + resourceAdapter + "\": on this server the JMS definitions are RowMQ's (the "
                + "rowmq subsystem); leave resourceAdapter empty or name RowMQ's (rowmq-ra)";
    }

    /** An optional text of a definition: absent and empty are the same. */
    static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
