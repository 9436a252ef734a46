package org.rowmq.wildfly.deployment;

import org.jboss.as.ee.resource.definition.ResourceDefinitionAnnotationProcessor;
import org.jboss.as.ee.resource.definition.ResourceDefinitionInjectionSource;
import org.jboss.as.server.deployment.DeploymentUnitProcessingException;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.DotName;
import org.jboss.metadata.property.PropertyReplacer;

import java.lang.annotation.Annotation;

/**
 * The annotation form of a JMS definition, and its repeating container: the server finds them on any class of a
 * module and binds what {@link #read} makes of each, at deployment time like every EE resource definition, so
 * {@code @Resource(lookup = ...)} injects them. A definition RowMQ cannot honour fails the deployment, naming the
 * annotation, its class and what to write instead.
 */
abstract class JmsDefinitionAnnotations extends ResourceDefinitionAnnotationProcessor {
    private final Class<? extends Annotation> one;
    private final DotName oneName;
    private final DotName manyName;

    JmsDefinitionAnnotations(Class<? extends Annotation> one, Class<? extends Annotation> many) {
        this.one = one;
        this.oneName = DotName.createSimple(one.getName());
        this.manyName = DotName.createSimple(many.getName());
    }

    @Override
    protected final DotName getAnnotationDotName() {
        return oneName;
    }

    @Override
    protected final DotName getAnnotationCollectionDotName() {
        return manyName;
    }

    @Override
    protected final ResourceDefinitionInjectionSource processAnnotation(AnnotationInstance a, PropertyReplacer replacer)
            throws DeploymentUnitProcessingException {
        JmsDefinition definition = read(a, replacer);
        String problem = definition.problem();
        if (problem != null)
            throw new DeploymentUnitProcessingException("@" + one.getSimpleName() + "(name = \"" + definition.name()
                    + "\") on " + a.target() + ": " + problem);
        return definition.binding();
    }

    /** The definition one annotation makes, its texts with the deployment's ${...} expressions resolved. */
    abstract JmsDefinition read(AnnotationInstance a, PropertyReplacer replacer);
}
