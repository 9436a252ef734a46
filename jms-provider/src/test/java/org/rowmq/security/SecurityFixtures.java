package org.rowmq.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Security files for tests, written under target/ with hashes made the way operators make them. */
public final class SecurityFixtures {
    /** Tests hash with fewer iterations than {@link PasswordHash#DEFAULT_ITERATIONS}, only to stay fast. */
    public static final int TEST_ITERATIONS = 1_000;

    private SecurityFixtures() {
    }

    public static String hash(String password) {
        return PasswordHash.hash(password.toCharArray(), TEST_ITERATIONS);
    }

    /** A file with these lines, named so that its ending (.properties or .json) picks the format. */
    public static Path file(String suffix, String content) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "rowmq-security"));
            Path file = Files.createTempFile(dir, "security", suffix);
            Files.writeString(file, content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The policy most tests use: alice (password "alice-pw", role writer) may send to orders.#, bob ("bob-pw", role
     * reader) may consume and browse orders.# and create and delete durable subscriptions on events.#; admin
     * ("admin-pw", role admin) may do everything everywhere; temporary destinations only for writer.
     */
    public static SecurityPolicy standardPolicy() {
        return SecurityPolicy.builder()
                .user("alice", hash("alice-pw"), "writer")
                .user("bob", hash("bob-pw"), "reader")
                .user("admin", hash("admin-pw"), "admin")
                .permit("orders.#", Operation.SEND, "writer", "admin")
                .permit("orders.#", Operation.CONSUME, "reader", "admin")
                .permit("orders.#", Operation.BROWSE, "reader", "admin")
                .permit("events.#", Operation.SEND, "writer", "admin")
                .permit("events.#", Operation.CONSUME, "reader", "admin")
                .permit("events.#", Operation.CREATE_DURABLE_SUBSCRIPTION, "reader", "admin")
                .permit("events.#", Operation.DELETE_DURABLE_SUBSCRIPTION, "admin")
                .permit("rowmq.tmp.#", Operation.CREATE_TEMPORARY, "writer")
                .permit("rowmq.tmp.#", Operation.SEND, "writer", "reader")
                .permitAll("#", "admin")
                .build();
    }
}
