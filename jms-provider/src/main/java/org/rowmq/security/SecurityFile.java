package org.rowmq.security;

import jakarta.jms.JMSException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/** The security file an operator names outside the application: a system property or an environment variable. */
public final class SecurityFile {
    private static final Logger LOG = LoggerFactory.getLogger(SecurityFile.class);
    private static final AtomicBoolean OPEN_REPORTED = new AtomicBoolean();

    private SecurityFile() {
    }

    /**
     * The policy of the file the system property (else the environment variable) names; null, logged once per JVM,
     * when neither is set: then every connection is accepted and may do anything.
     */
    public static SecurityPolicy fromEnvironment(String property, String variable) throws JMSException {
        String file = System.getProperty(property);
        String origin = "system property " + property;
        if (file == null || file.isBlank()) {
            file = System.getenv(variable);
            origin = "environment variable " + variable;
        }
        if (file == null || file.isBlank()) {
            if (OPEN_REPORTED.compareAndSet(false, true))
                LOG.warn("RowMQ security is off: no security configuration (connection factory setting, system "
                        + "property {} or environment variable {}), so every connection is accepted and may send to,"
                        + " consume from and administer every destination", property, variable);
            return null;
        }
        return load(Path.of(file.trim()), origin);
    }

    /** Loads a security file; a missing or malformed one is a JMSException naming it (never security off). */
    public static SecurityPolicy load(Path file, String origin) throws JMSException {
        try {
            return SecurityPolicy.load(file);
        } catch (IOException | IllegalArgumentException e) {
            JMSException failure = new JMSException("Cannot read the security configuration " + file + " (from "
                    + origin + "): " + e.getMessage());
            failure.setLinkedException(e);
            failure.initCause(e);
            throw failure;
        }
    }
}
