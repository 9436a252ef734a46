package org.rowmq.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.util.Locale;

/**
 * H2's AUTO_SERVER (the embedded default's way to let other JVMs on this machine share the file) makes the first JVM
 * open a TCP server, and H2 binds it to every interface unless the system property {@value #BIND_PROPERTY} says
 * otherwise: anyone on the network who learns the port could then try the database. RowMQ sets that property to the
 * loopback address before H2 first reads it, unless the operator set it. H2 reads it once, when its SysProperties
 * class loads, so when the application used H2 before RowMQ the setting comes too late, and this says so.
 */
final class H2AutoServer {
    static final String BIND_PROPERTY = "h2.bindAddress";
    private static final Logger LOG = LoggerFactory.getLogger(H2AutoServer.class);

    private H2AutoServer() {
    }

    static void keepOnLoopback(String jdbcUrl) {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:h2:")
                || !jdbcUrl.toUpperCase(Locale.ROOT).replace(" ", "").contains("AUTO_SERVER=TRUE")) return;
        synchronized (H2AutoServer.class) {
            if (System.getProperty(BIND_PROPERTY) == null)
                System.setProperty(BIND_PROPERTY, InetAddress.getLoopbackAddress().getHostAddress());
        }
        String effective = org.h2.engine.SysProperties.BIND_ADDRESS;
        if (effective == null || effective.isBlank())
            LOG.warn("H2 was loaded before RowMQ could set {}: the AUTO_SERVER TCP server of {} listens on every network "
                    + "interface. Start the JVM with -D{}=127.0.0.1 to keep it on this machine", BIND_PROPERTY, jdbcUrl,
                    BIND_PROPERTY);
    }
}
