package org.rowmq.message;

import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;

/**
 * Which classes {@link RowObjectMessage#getObject()} may deserialize. Deserializing untrusted bytes can run code, so
 * by default only {@value #DEFAULT_PATTERN} are admitted (arrays of primitives always are).
 *
 * <p>The application widens it with patterns in the syntax of {@link ObjectInputFilter.Config#createFilter}
 * ("com.example.Order;com.example.dto.*;org.acme.**", "!com.example.Bad"), either with the system property
 * {@value #SYSTEM_PROPERTY} or with {@link #setDefault(ObjectMessageTrust)} (what a connection factory setting
 * calls), or per message with {@link RowObjectMessage#setTrust(ObjectMessageTrust)}. Configured patterns are checked
 * before the default ones; "*" trusts every class. Classes no pattern matches are refused.
 */
public final class ObjectMessageTrust {
    public static final String SYSTEM_PROPERTY = "rowmq.objectMessage.trustedClasses";
    /** The safe allowlist; "pkg.*" is the package's own classes, without subpackages. */
    public static final String DEFAULT_PATTERN = "java.lang.*;java.util.*;java.math.*;java.time.*";

    private static volatile ObjectMessageTrust defaultTrust = fromSystemProperty();

    private final String configured;
    private final ObjectInputFilter filter;

    private ObjectMessageTrust(String configured) {
        this.configured = configured == null ? "" : configured.trim();
        String pattern = (this.configured.isEmpty() ? "" : this.configured + ";") + DEFAULT_PATTERN + ";!*";
        this.filter = ObjectInputFilter.Config.createFilter(pattern);
    }

    /**
     * Trust the default allowlist plus these patterns.
     *
     * @param trustedClasses patterns as for {@link ObjectInputFilter.Config#createFilter}, ";"-separated; null or
     *                       empty for the default alone; "*" for every class
     * @throws IllegalArgumentException when the patterns are malformed
     */
    public static ObjectMessageTrust of(String trustedClasses) {
        return new ObjectMessageTrust(trustedClasses);
    }

    /** The trust messages use unless told otherwise: from {@value #SYSTEM_PROPERTY} until {@link #setDefault}. */
    public static ObjectMessageTrust getDefault() {
        return defaultTrust;
    }

    public static void setDefault(ObjectMessageTrust trust) {
        defaultTrust = trust == null ? fromSystemProperty() : trust;
    }

    private static ObjectMessageTrust fromSystemProperty() {
        return new ObjectMessageTrust(System.getProperty(SYSTEM_PROPERTY));
    }

    /** The patterns configured on top of the default allowlist ("" when none). */
    public String trustedClasses() {
        return configured;
    }

    /**
     * Deserializes bytes written by ObjectOutputStream, resolving classes through the thread's context class loader
     * first (the application's classes) and then the usual way.
     */
    Serializable deserialize(byte[] bytes) throws JMSException {
        RecordingFilter recording = new RecordingFilter(filter);
        try (ObjectInputStream in = new ContextClassLoaderInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(recording);
            return (Serializable) in.readObject();
        } catch (InvalidClassException e) {
            if (recording.refused != null) {
                throw failure("ObjectMessage body class " + recording.refused + " is not trusted; allow it with the"
                        + " system property " + SYSTEM_PROPERTY + "=" + recording.refused
                        + " (or a pattern such as its package followed by .*) or the connection factory's trusted"
                        + " classes setting", e);
            }
            throw failure("Cannot deserialize the ObjectMessage body: " + e, e);
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            throw failure("Cannot deserialize the ObjectMessage body: " + e, e);
        }
    }

    private static MessageFormatException failure(String message, Exception cause) {
        MessageFormatException e = new MessageFormatException(message);
        e.setLinkedException(cause);
        e.initCause(cause);
        return e;
    }

    @Override
    public String toString() {
        return "ObjectMessageTrust[" + (configured.isEmpty() ? "" : configured + ";") + DEFAULT_PATTERN + "]";
    }

    /** Remembers the first class the filter refused, so the error can name it. */
    private static final class RecordingFilter implements ObjectInputFilter {
        private final ObjectInputFilter delegate;
        private String refused;

        RecordingFilter(ObjectInputFilter delegate) {
            this.delegate = delegate;
        }

        @Override
        public Status checkInput(FilterInfo info) {
            Status status = delegate.checkInput(info);
            if (status == Status.REJECTED && refused == null && info.serialClass() != null) {
                Class<?> c = info.serialClass();
                while (c.isArray()) {
                    c = c.getComponentType();
                }
                refused = c.getName();
            }
            return status;
        }
    }

    private static final class ContextClassLoaderInputStream extends ObjectInputStream {
        ContextClassLoaderInputStream(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            if (loader != null) {
                try {
                    return Class.forName(desc.getName(), false, loader);
                } catch (ClassNotFoundException e) {
                    // Fall back to the caller's loaders, as ObjectInputStream does by default.
                }
            }
            return super.resolveClass(desc);
        }
    }
}
