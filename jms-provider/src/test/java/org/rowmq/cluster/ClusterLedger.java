package org.rowmq.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the producers and consumers of a failover test did (the children of a cluster crash loop recorded it in files,
 * {@link ClusterClientMain}; a test's own threads record it here as it happens) and what the test drained at the end,
 * judged: nothing lost (every returned send was acknowledged, or drained, or its acknowledgement's outcome was
 * reported unknown), nothing twice (no second successful acknowledgement, nothing drained that was acknowledged), and
 * nothing that was never sent. In a transacted session the commit is the acknowledgement.
 */
final class ClusterLedger {

    /** For a failure message: where the lost messages are (their rows, say). */
    @FunctionalInterface
    interface Diagnosis {
        String of(List<String> lost) throws Exception;
    }

    private final Set<String> sent = new HashSet<>();
    private final Set<String> unknownSends = new HashSet<>();
    private final Map<String, Integer> acknowledged = new HashMap<>();
    private final Set<String> unknownAcknowledgements = new HashSet<>();
    private final List<String> drained = new ArrayList<>();

    void read(Path file) throws IOException {
        if (!Files.exists(file)) return;
        for (String line : Files.readAllLines(file)) {
            if (line.length() < 3) continue; // a line a kill cut short
            String id = line.substring(2);
            switch (line.charAt(0)) {
                case 'S' -> sent(id);
                case 'U' -> sendUnknown(id);
                case 'C' -> acknowledged(id);
                case 'A' -> acknowledgementUnknown(id);
                default -> throw new IllegalStateException(file + ": malformed line " + line);
            }
        }
    }

    // Synchronized: a test's producer and consumer threads record at once.

    /** The send of {@code id} returned. */
    synchronized void sent(String id) {
        sent.add(id);
    }

    /** The send of {@code id} failed: it may be stored or not. */
    synchronized void sendUnknown(String id) {
        unknownSends.add(id);
    }

    /** The acknowledgement (or commit) of {@code id} returned. */
    synchronized void acknowledged(String id) {
        acknowledged.merge(id, 1, Integer::sum);
    }

    /** The acknowledgement (or commit) of {@code id} failed: it may be consumed or come again. */
    synchronized void acknowledgementUnknown(String id) {
        unknownAcknowledgements.add(id);
    }

    synchronized int sends() {
        return sent.size();
    }

    synchronized void drained(List<String> ids) {
        drained.addAll(ids);
    }

    synchronized String summary() {
        return sent.size() + " sends returned, " + unknownSends.size() + " sends of unknown outcome reported, "
                + acknowledged.size() + " acknowledged, " + unknownAcknowledgements.size()
                + " acknowledgements of unknown outcome reported, " + drained.size() + " drained at the end";
    }

    void assertExactlyOnce() throws Exception {
        assertExactlyOnce(lost -> "");
    }

    synchronized void assertExactlyOnce(Diagnosis whereLost) throws Exception {
        assertTrue(!sent.isEmpty() && !acknowledged.isEmpty(), "the producers and consumers made progress: " + summary());
        List<String> lost = new ArrayList<>();
        for (String id : sent) {
            if (!acknowledged.containsKey(id) && !drained.contains(id) && !unknownAcknowledgements.contains(id)) lost.add(id);
        }
        assertTrue(lost.isEmpty(), "lost: " + lost + (lost.isEmpty() ? "" : " " + whereLost.of(lost)));
        List<String> twice = new ArrayList<>();
        acknowledged.forEach((id, n) -> {
            if (n > 1) twice.add(id + " acknowledged " + n + " times");
        });
        Set<String> seen = new HashSet<>();
        for (String id : drained) {
            if (acknowledged.containsKey(id)) twice.add(id + " drained after its acknowledgement returned");
            if (!seen.add(id)) twice.add(id + " drained twice");
        }
        assertTrue(twice.isEmpty(), "duplicates: " + twice);
        List<String> invented = new ArrayList<>();
        for (String id : acknowledged.keySet()) if (!sent.contains(id) && !unknownSends.contains(id)) invented.add(id);
        for (String id : drained) if (!sent.contains(id) && !unknownSends.contains(id)) invented.add(id);
        assertTrue(invented.isEmpty(), "received but never sent: " + invented);
    }
}
