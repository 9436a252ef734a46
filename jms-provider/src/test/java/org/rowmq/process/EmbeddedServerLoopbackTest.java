package org.rowmq.process;

import jakarta.jms.JMSContext;
import org.junit.jupiter.api.Test;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.store.StoreConfig;
import org.rowmq.testsupport.ChildJvm;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedded default shares its H2 file between JVMs through H2's AUTO_SERVER, whose TCP server RowMQ keeps on the
 * loopback interface: the JVM that opened the file (a child, whose H2 nobody loaded before RowMQ) writes 127.0.0.1
 * into the lock file, the port answers on 127.0.0.1 and on no other address of this machine, and a second JVM (this
 * one) still shares the store through it.
 */
class EmbeddedServerLoopbackTest {

    @Test
    void theAutoServerListensOnLoopbackOnlyAndStillSharesTheStore() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "rowmq-h2", "loopback-" + System.nanoTime()).toAbsolutePath());
        String url = StoreConfig.DEFAULT_URL.replace("./rowmq-data/rowmq", dir.resolve("rowmq").toString());
        try (ChildJvm child = ChildJvm.builder("embedded", EmbeddedStoreMain.class).directory(dir).args(url).start()) {
            child.awaitLine("READY", Duration.ofSeconds(60));
            Properties lock = new Properties();
            try (InputStream in = Files.newInputStream(dir.resolve("rowmq.lock.db"))) {
                lock.load(in);
            }
            String server = lock.getProperty("server");
            int colon = server.lastIndexOf(':');
            String host = server.substring(0, colon);
            int port = Integer.parseInt(server.substring(colon + 1));
            assertTrue(InetAddress.getByName(host).isLoopbackAddress(), "the address other JVMs are told to use: " + server);

            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            }
            List<InetAddress> external = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                    .flatMap(NetworkInterface::inetAddresses)
                    .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                    .toList();
            if (external.isEmpty()) System.out.println("No non-loopback IPv4 address on this machine: only the lock file and loopback were checked");
            for (InetAddress a : external) {
                assertThrows(IOException.class, () -> {
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress(a, port), 2_000);
                    }
                }, "H2's server must not answer on " + a.getHostAddress());
            }

            try (RowConnectionFactory here = new RowConnectionFactory(url); JMSContext ctx = here.createContext()) {
                String queue = "loopback." + System.nanoTime();
                ctx.createProducer().send(ctx.createQueue(queue), "through the child's server");
                assertEquals(1, here.store().depth(queue));
            }
            child.tell("STOP");
            assertEquals(0, child.awaitExit(Duration.ofSeconds(30)), child.diagnosis());
        }
    }
}
