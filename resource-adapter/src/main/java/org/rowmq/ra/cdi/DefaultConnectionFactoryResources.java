package org.rowmq.ra.cdi;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.enterprise.inject.spi.InjectionTarget;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.ProcessInjectionTarget;
import jakarta.enterprise.inject.spi.WithAnnotations;
import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.TopicConnectionFactory;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code @Resource ConnectionFactory} with no name or lookup is the EE default JMS connection factory (Jakarta EE 11,
 * section 5.20). WildFly maps it so only in its messaging subsystem; here such a field gets the factory bound at
 * {@code java:jboss/DefaultJMSConnectionFactory} (RowMQ's, bound by the server's naming subsystem). CDI beans get it
 * through their {@code @Resource}, rewritten to that lookup; components the server injects itself (EJBs, servlets)
 * leave the unresolvable reference empty, and get the factory right after their injection.
 */
public class DefaultConnectionFactoryResources implements Extension {
    private static final Set<Class<?>> FACTORY_TYPES = Set.of(ConnectionFactory.class, QueueConnectionFactory.class,
            TopicConnectionFactory.class);

    <T> void lookUpTheDefault(@Observes @WithAnnotations(Resource.class) ProcessAnnotatedType<T> type) {
        type.configureAnnotatedType()
                .filterFields(f -> f.getJavaMember() != null && isDefaultFactoryField(f.getJavaMember()))
                .forEach(f -> f.remove(a -> a.annotationType() == Resource.class).add(new DefaultLookup()));
    }

    <T> void fillAfterInjection(@Observes ProcessInjectionTarget<T> event) {
        List<Field> fields = new ArrayList<>();
        for (Class<?> c = event.getAnnotatedType().getJavaClass(); c != null && c != Object.class; c = c.getSuperclass())
            for (Field f : c.getDeclaredFields()) if (isDefaultFactoryField(f)) fields.add(f);
        if (fields.isEmpty()) return;
        fields.forEach(f -> f.setAccessible(true));
        event.setInjectionTarget(new Filling<>(event.getInjectionTarget(), fields));
    }

    static boolean isDefaultFactoryField(Field f) {
        Resource r = f.getAnnotation(Resource.class);
        return r != null && FACTORY_TYPES.contains(f.getType()) && r.name().isEmpty() && r.lookup().isEmpty()
                && r.mappedName().isEmpty();
    }

    static ConnectionFactory defaultFactory() {
        try {
            return (ConnectionFactory) new InitialContext().lookup(InjectedJMSContextProducer.SERVER_DEFAULT_FACTORY);
        } catch (NamingException | ClassCastException e) {
            throw new JMSRuntimeException("@Resource ConnectionFactory without a name needs RowMQ's connection factory "
                    + "bound at " + InjectedJMSContextProducer.SERVER_DEFAULT_FACTORY + " (the naming subsystem; see "
                    + "the README): " + e.getMessage());
        }
    }

    @SuppressWarnings("all")
    private static final class DefaultLookup extends AnnotationLiteral<Resource> implements Resource {
        @Override public String name() { return ""; }
        @Override public String lookup() { return InjectedJMSContextProducer.SERVER_DEFAULT_FACTORY; }
        @Override public Class<?> type() { return Object.class; }
        @Override public AuthenticationType authenticationType() { return AuthenticationType.CONTAINER; }
        @Override public boolean shareable() { return true; }
        @Override public String mappedName() { return ""; }
        @Override public String description() { return ""; }
    }

    /** The container's injection, then the default factory into the fields it left empty. */
    private record Filling<T>(InjectionTarget<T> delegate, List<Field> fields) implements InjectionTarget<T> {
        @Override
        public void inject(T instance, CreationalContext<T> ctx) {
            delegate.inject(instance, ctx);
            try {
                for (Field f : fields) if (f.get(instance) == null) f.set(instance, defaultFactory());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("RowMQ could not inject the default JMS connection factory", e);
            }
        }

        @Override public void postConstruct(T instance) { delegate.postConstruct(instance); }
        @Override public void preDestroy(T instance) { delegate.preDestroy(instance); }
        @Override public T produce(CreationalContext<T> ctx) { return delegate.produce(ctx); }
        @Override public void dispose(T instance) { delegate.dispose(instance); }
        @Override public Set<InjectionPoint> getInjectionPoints() { return delegate.getInjectionPoints(); }
    }
}
