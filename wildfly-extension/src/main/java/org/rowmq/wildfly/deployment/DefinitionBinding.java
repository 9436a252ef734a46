package org.rowmq.wildfly.deployment;

import org.jboss.as.ee.resource.definition.ResourceDefinitionInjectionSource;

import java.util.Objects;

/**
 * What the server binds for a JMS definition: its JNDI name and what the name stands for. Two are equal when both
 * are, because the server binds a name once and refuses a second, different binding of it: the same definition read
 * twice (on two classes, or in two modules of an application for java:app) is one binding.
 */
abstract class DefinitionBinding<T> extends ResourceDefinitionInjectionSource {
    /** What the name stands for: the destination itself, or the JNDI name of the connection definition it links to. */
    final T target;

    DefinitionBinding(String jndiName, T target) {
        super(jndiName);
        this.target = target;
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && Objects.equals(((DefinitionBinding<?>) o).target, target); // super: same class
    }

    @Override
    public int hashCode() {
        return super.hashCode() * 31 + Objects.hashCode(target);
    }
}
