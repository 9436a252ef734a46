package org.rowmq.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.rowmq.client.RowConnectionFactory;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged tool as operators get it: target/rowmq.jar run with {@code java -jar} in a JVM of its own, and the
 * README's one-line launcher run by a shell from the repository's root, on an H2 database an application filled.
 * Run by failsafe after {@code package}, which builds the jar; the pom passes its path and the repository's.
 */
class LauncherIT {

    private record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\nout:\n" + out + "\nerr:\n" + err;
        }
    }

    private static Path property(String name) {
        String value = System.getProperty(name);
        assertNotNull(value, name + " is set by the pom's failsafe configuration");
        return Path.of(value);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Runs {@code command} in {@code dir} with {@code env} added, stdin empty, and waits for it to end. */
    private static Run run(Path dir, Map<String, String> env, List<String> command) throws Exception {
        Path out = Files.createTempFile("rowmq-out", ".txt");
        Path err = Files.createTempFile("rowmq-err", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            p.getOutputStream().close(); // nothing typed: a question is answered by end of input
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(command + " did not end within 120 s");
            }
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static void sendOne(CliDatabase.Fresh db, String queue) throws Exception {
        try (RowConnectionFactory f = new RowConnectionFactory(db.url(), db.user(), db.password()); var c = f.createContext()) {
            c.createProducer().send(c.createQueue(queue), "hello");
        }
    }

    @Test
    void theShadedJarListsDestinationsAndRefusesABadOption() throws Exception {
        Path jar = property("rowmq.jar");
        assertTrue(Files.isRegularFile(jar), jar + " is built by package");
        try (CliDatabase.Fresh db = CliDatabase.H2.fresh()) {
            sendOne(db, "launched");
            List<String> base = List.of(java(), "-jar", jar.toString(), "--url", db.url(), "--user", db.user(),
                    "--password", db.password());

            List<String> listing = new ArrayList<>(base);
            listing.addAll(List.of("destinations", "--json"));
            Run listed = run(jar.getParent(), Map.of(), listing);
            assertEquals(ExitCodes.OK, listed.exit(), listed.toString());
            JsonNode rows = new ObjectMapper().readTree(listed.out());
            assertEquals(1, rows.size(), listed.out());
            assertEquals("launched", rows.get(0).get("destination").asText());
            assertEquals(1, rows.get(0).get("ready").asLong());

            List<String> badOption = new ArrayList<>(base);
            badOption.addAll(List.of("destinations", "--colour"));
            Run refused = run(jar.getParent(), Map.of(), badOption);
            assertEquals(ExitCodes.USAGE, refused.exit(), refused.toString());
            assertTrue(refused.err().contains("Unknown option: '--colour'"), refused.err());
            assertEquals("", refused.out(), "nothing on the output a script reads");

            Run noUrl = run(jar.getParent(), Map.of(), List.of(java(), "-jar", jar.toString(), "destinations"));
            assertEquals(ExitCodes.USAGE, noUrl.exit(), noUrl.toString());
            assertTrue(noUrl.err().contains("--url"), noUrl.err());
        }
    }

    /** The launcher line of the README's "Operating RowMQ" section: {@code alias rowmq='...'}. */
    private static String readmeLauncher(Path root) throws IOException {
        Matcher m = Pattern.compile("(?m)^\\s*(alias rowmq='[^']+')\\s*$").matcher(Files.readString(root.resolve("README.md")));
        assertTrue(m.find(), "the README shows how to launch rowmq");
        return m.group(1);
    }

    @Test
    void theReadmeLauncherRunsTheJarFromTheRepositoryRoot() throws Exception {
        Path root = property("rowmq.root");
        String launcher = readmeLauncher(root);
        try (CliDatabase.Fresh db = CliDatabase.H2.fresh()) {
            sendOne(db, "launched");
            // As an operator's shell would: the README's alias, then commands using it. The JDK running the tests
            // comes first on the PATH, as the README assumes a Java 17 one.
            String script = "shopt -s expand_aliases\n" + launcher + "\nrowmq \"$@\"\n";
            Map<String, String> env = Map.of("ROWMQ_URL", db.url(), "ROWMQ_USER", db.user(), "ROWMQ_PASSWORD", db.password(),
                    "PATH", Path.of(java()).getParent() + File.pathSeparator + System.getenv("PATH"));

            Run table = run(root, env, List.of("bash", "-c", script, "rowmq", "destinations"));
            assertEquals(ExitCodes.OK, table.exit(), table.toString());
            List<String> lines = table.out().lines().toList();
            assertTrue(lines.get(0).startsWith("destination "), table.out());
            assertTrue(lines.get(1).startsWith("launched "), table.out());

            Run unconfirmed = run(root, env, List.of("bash", "-c", script, "rowmq", "purge", "launched"));
            assertEquals(ExitCodes.REFUSED, unconfirmed.exit(), unconfirmed.toString());
            assertTrue(unconfirmed.err().contains("not confirmed; nothing was changed"), unconfirmed.err());
            Run still = run(root, env, List.of("bash", "-c", script, "rowmq", "destinations", "--json"));
            assertEquals(1, new ObjectMapper().readTree(still.out()).get(0).get("ready").asLong(), still.toString());
        }
    }
}
