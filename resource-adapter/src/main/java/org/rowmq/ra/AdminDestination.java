package org.rowmq.ra;

import jakarta.resource.Referenceable;

import javax.naming.Reference;
import java.io.Serializable;
import java.util.Objects;

/** What the queue and topic admin objects share: the {@code name} property, and what JNDI binding asks of them. */
public abstract class AdminDestination implements Serializable, Referenceable {
    private static final long serialVersionUID = 1L;

    private String name;
    private transient Reference reference;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    @Override
    public void setReference(Reference reference) {
        this.reference = reference;
    }

    @Override
    public Reference getReference() {
        return reference;
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && Objects.equals(((AdminDestination) o).name, name);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(name) * 31 + getClass().hashCode();
    }
}
