package org.rowmq.jndi;

import javax.naming.Binding;
import javax.naming.Context;
import javax.naming.InvalidNameException;
import javax.naming.Name;
import javax.naming.NameClassPair;
import javax.naming.NameNotFoundException;
import javax.naming.NameParser;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.NotContextException;
import javax.naming.OperationNotSupportedException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

/**
 * A JNDI context whose names come from properties ({@code jndi.properties} or the InitialContext environment) and
 * cannot be changed through JNDI. Names are "/"-separated; each level is a {@link Directory}. It holds no resources:
 * {@link #close()} releases nothing, and the connection factories looked up from it stay usable after it closes, as
 * objects obtained from JNDI do.
 */
final class ReadOnlyContext implements Context {
    private static final String READ_ONLY = "RowMQ's JNDI context is read-only: it is configured from properties"
            + " (jndi.properties or the InitialContext environment); add a connectionFactory.<name>, queue.<name> or"
            + " topic.<name> entry there instead";

    private final Directory directory;
    /** This context's own name, relative to the root ("" for the root). */
    private final String path;
    private final Hashtable<Object, Object> environment;

    ReadOnlyContext(Directory directory, String path, Hashtable<?, ?> environment) {
        this.directory = directory;
        this.path = path;
        this.environment = new Hashtable<>(environment);
    }

    @Override
    public Object lookup(Name name) throws NamingException {
        if (name.isEmpty()) {
            // A new instance of this context, whose environment may change independently (Context#lookup).
            return new ReadOnlyContext(directory, path, environment);
        }
        Object current = directory;
        for (int i = 0; i < name.size(); i++) {
            if (current instanceof DynamicDestinations dynamic) {
                return dynamic.get(String.join("/", components(name.getSuffix(i))));
            }
            if (!(current instanceof Directory level)) {
                throw new NotContextException(qualified(name.getPrefix(i)) + " is a " + current.getClass().getName()
                        + ", not a context, so " + qualified(name) + " cannot be looked up");
            }
            Object next = level.get(name.get(i));
            if (next == null) {
                throw new NameNotFoundException(qualified(name.getPrefix(i + 1)) + " is not bound in RowMQ's JNDI"
                        + " context (names come from connectionFactory.*, queue.* and topic.* properties;"
                        + " dynamicQueues/<name> and dynamicTopics/<name> name any destination)");
            }
            current = next;
        }
        return current instanceof Directory level ? new ReadOnlyContext(level, qualified(name), environment) : current;
    }

    private static List<String> components(Name name) {
        return Collections.list(name.getAll());
    }

    @Override
    public Object lookup(String name) throws NamingException {
        return lookup(parse(name));
    }

    @Override
    public NamingEnumeration<NameClassPair> list(Name name) throws NamingException {
        List<NameClassPair> pairs = new ArrayList<>();
        for (Map.Entry<String, Object> entry : directoryAt(name).entries().entrySet()) {
            Object value = entry.getValue();
            String className = value instanceof Directory ? Context.class.getName() : value.getClass().getName();
            pairs.add(new NameClassPair(entry.getKey(), className));
        }
        return NamingEnumerations.of(pairs);
    }

    @Override
    public NamingEnumeration<NameClassPair> list(String name) throws NamingException {
        return list(parse(name));
    }

    @Override
    public NamingEnumeration<Binding> listBindings(Name name) throws NamingException {
        Directory level = directoryAt(name);
        String base = qualified(name);
        List<Binding> bindings = new ArrayList<>();
        for (Map.Entry<String, Object> entry : level.entries().entrySet()) {
            Object value = entry.getValue();
            if (value instanceof Directory child) {
                value = new ReadOnlyContext(child, base.isEmpty() ? entry.getKey() : base + "/" + entry.getKey(), environment);
            }
            bindings.add(new Binding(entry.getKey(), value));
        }
        return NamingEnumerations.of(bindings);
    }

    @Override
    public NamingEnumeration<Binding> listBindings(String name) throws NamingException {
        return listBindings(parse(name));
    }

    private Directory directoryAt(Name name) throws NamingException {
        Object found = lookup(name);
        if (found instanceof ReadOnlyContext context) {
            return context.directory;
        }
        throw new NotContextException(qualified(name) + " is a " + found.getClass().getName() + ", not a context");
    }

    @Override
    public Object lookupLink(Name name) throws NamingException {
        return lookup(name);
    }

    @Override
    public Object lookupLink(String name) throws NamingException {
        return lookup(name);
    }

    @Override
    public NameParser getNameParser(Name name) {
        return SlashNameParser.INSTANCE;
    }

    @Override
    public NameParser getNameParser(String name) {
        return SlashNameParser.INSTANCE;
    }

    @Override
    public Name composeName(Name name, Name prefix) throws NamingException {
        Name composed = (Name) prefix.clone();
        return composed.addAll(name);
    }

    @Override
    public String composeName(String name, String prefix) {
        if (prefix.isEmpty()) return name;
        if (name.isEmpty()) return prefix;
        return prefix + "/" + name;
    }

    @Override
    public Hashtable<?, ?> getEnvironment() {
        return new Hashtable<>(environment);
    }

    /** Changes this instance's environment only; the bindings were fixed when the InitialContext was created. */
    @Override
    public Object addToEnvironment(String propName, Object propVal) {
        return environment.put(propName, propVal);
    }

    @Override
    public Object removeFromEnvironment(String propName) {
        return environment.remove(propName);
    }

    @Override
    public void close() {
        // Holds nothing: see the class comment.
    }

    @Override
    public String getNameInNamespace() {
        return path;
    }

    private Name parse(String name) throws NamingException {
        if (name == null) throw new InvalidNameException("the name is null");
        return SlashNameParser.INSTANCE.parse(name);
    }

    private String qualified(Name relative) {
        String joined = String.join("/", components(relative));
        return composeName(joined, path);
    }

    @Override
    public void bind(Name name, Object obj) throws NamingException {
        throw new OperationNotSupportedException(READ_ONLY);
    }

    @Override
    public void bind(String name, Object obj) throws NamingException {
        throw new OperationNotSupportedException(READ_ONLY);
    }

    @Override
    public void rebind(Name name, Object obj) throws NamingException {
        throw new OperationNotSupportedException(READ_ONLY);
    }

    @Override
    public void rebind(String name, Object obj) throws NamingException {
        throw new OperationNotSupportedException(READ_ONLY);
    }

    @Override
    public void unbind(Name name) throws NamingException {
        throw new OperationNotSupportedException(READ_ONLY);
    }

    @Override
    public void unbind(String name) throws NamingException {
        throw new OperationNotSupportedException(READ_ONLY);
    }

    @Override
    public void rename(Name oldName, Name newName) throws NamingException {
        throw new OperationNotSupportedException(READ_ONLY);
    }

    @Override
    public void rename(String oldName, String newName) throws NamingException {
        throw new OperationNotSupportedException(READ_ONLY);
    }

    @Override
    public void destroySubcontext(Name name) throws NamingException {
        throw new OperationNotSupportedException(READ_ONLY);
    }

    @Override
    public void destroySubcontext(String name) throws NamingException {
        throw new OperationNotSupportedException(READ_ONLY);
    }

    @Override
    public Context createSubcontext(Name name) throws NamingException {
        throw new OperationNotSupportedException(READ_ONLY);
    }

    @Override
    public Context createSubcontext(String name) throws NamingException {
        throw new OperationNotSupportedException(READ_ONLY);
    }
}
