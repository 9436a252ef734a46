package org.rowmq.testsupport;

import jakarta.jms.JMSException;
import org.rowmq.client.RowConnectionFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * A child JVM's side of {@link ChildJvm}: "READY" on stdout, "STOP" on stdin. End of stdin means the test JVM is gone,
 * and the child halts at once rather than living on as an orphan holding database rows.
 */
public final class ParentLink {
    private static final String NODE = "NODE ";
    private final CountDownLatch stop = new CountDownLatch(1);

    private ParentLink() {
    }

    public static ParentLink listen() {
        ParentLink link = new ParentLink();
        Thread reader = new Thread(link::readStdin, "parent-link");
        reader.setDaemon(true);
        reader.start();
        return link;
    }

    private void readStdin() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.equals("STOP")) {
                    stop.countDown();
                    return;
                }
            }
        } catch (IOException e) {
            // Treated like end of input: the parent cannot reach us any more.
        }
        System.err.println("parent JVM gone (stdin closed): halting");
        Runtime.getRuntime().halt(3);
    }

    /** Tells the parent this JVM's node id (the owner of its in-flight rows), then that it is ready. */
    public static void ready(RowConnectionFactory factory) throws JMSException {
        say(NODE + factory.store().nodeId());
        say("READY");
    }

    /** In the parent: the node id a ready child announced. */
    public static String nodeOf(ChildJvm child) {
        return child.stdoutLines().stream().filter(l -> l.startsWith(NODE)).map(l -> l.substring(NODE.length()))
                .findFirst().orElseThrow(() -> new AssertionError(child.name() + " did not announce its node" + child.diagnosis()));
    }

    public static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    public boolean stopRequested() {
        return stop.getCount() == 0;
    }

    /** Returns once the parent said STOP. */
    public void awaitStop() throws InterruptedException {
        stop.await();
    }
}
