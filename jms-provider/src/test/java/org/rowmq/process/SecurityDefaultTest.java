package org.rowmq.process;

import org.junit.jupiter.api.Test;
import org.rowmq.security.SecurityFixtures;
import org.rowmq.testsupport.ChildJvm;
import org.rowmq.testsupport.TestDatabase;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * In a fresh JVM: with no security configuration every connection is accepted and the log says so once, however many
 * factories and connections there are; a file named by the system property rowmq.security.file turns security on for
 * factories that have none set in code, without that notice.
 */
class SecurityDefaultTest {

    private static List<String> run(String name, String securityFile) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "rowmq-h2", name + "-" + System.nanoTime()).toAbsolutePath());
        String first = TestDatabase.freshH2(name + "-a").url();
        String second = TestDatabase.freshH2(name + "-b").url();
        ChildJvm.Builder builder = ChildJvm.builder(name, SecurityDefaultMain.class).directory(dir).args(first, second);
        if (securityFile != null) builder.property("rowmq.security.file", securityFile);
        try (ChildJvm child = builder.start()) {
            assertEquals(0, child.awaitExit(Duration.ofSeconds(90)), child.diagnosis());
            long notices = child.stderrText().lines().filter(l -> l.contains("RowMQ security is off")).count();
            List<String> lines = new java.util.ArrayList<>(child.stdoutLines());
            lines.add("notices=" + notices);
            return lines;
        }
    }

    @Test
    void withoutConfigurationEverythingIsOpenAndTheLogSaysSoOnce() throws Exception {
        List<String> lines = run("security-off", null);
        assertEquals(6, Collections.frequency(lines, "OPENED"), lines.toString());
        assertEquals(1, Collections.frequency(lines, "notices=1"), lines.toString());
    }

    @Test
    void theSystemPropertyNamesTheSecurityFileForFactoriesWithoutOne() throws Exception {
        Path file = SecurityFixtures.file(".properties", "user.app = " + SecurityFixtures.hash("pw") + "\n")
                .toAbsolutePath();
        List<String> lines = run("security-on", file.toString());
        assertEquals(6, Collections.frequency(lines, "REFUSED"), lines.toString());
        assertEquals(1, Collections.frequency(lines, "notices=0"), lines.toString());
    }
}
