package org.rowmq.security;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordHashTest {

    @Test
    void aHashIsSaltedPbkdf2WithTheDefaultIterationsAndVerifiesOnlyItsPassword() {
        String first = PasswordHash.hash("s3cret".toCharArray());
        String second = PasswordHash.hash("s3cret".toCharArray());
        String[] parts = first.split(":");
        assertEquals("pbkdf2-sha256", parts[0]);
        assertEquals("600000", parts[1], "OWASP's iteration count for PBKDF2-HMAC-SHA256");
        assertNotEquals(first, second, "a fresh salt per hash: equal passwords give different hashes");
        assertFalse(first.contains("s3cret"));
        assertTrue(PasswordHash.matches(first, "s3cret".toCharArray()));
        assertTrue(PasswordHash.matches(second, "s3cret".toCharArray()));
        assertFalse(PasswordHash.matches(first, "s3cret ".toCharArray()));
        assertFalse(PasswordHash.matches(first, "".toCharArray()));
    }

    @Test
    void aPlainPasswordOrAnUnsaltedDigestIsNotAcceptedAsAHash() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SecurityPolicy.builder().user("alice", "secret", "r").build());
        assertTrue(e.getMessage().contains("org.rowmq.security.PasswordHash"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PasswordHash.matches(
                "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8", "password".toCharArray()));
        assertThrows(IllegalArgumentException.class, () -> PasswordHash.matches("pbkdf2-sha256:1000::AAAA", "x".toCharArray()));
    }

    @Test
    void theMainClassPrintsAHashOfThePasswordOnStandardInput() throws Exception {
        InputStream in = System.in;
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try {
            System.setIn(new ByteArrayInputStream("operator-pw\n".getBytes(StandardCharsets.UTF_8)));
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            PasswordHash.main(new String[0]);
        } finally {
            System.setIn(in);
            System.setOut(out);
        }
        String line = printed.toString(StandardCharsets.UTF_8).trim();
        assertTrue(line.startsWith("pbkdf2-sha256:600000:"), line);
        assertTrue(PasswordHash.matches(line, "operator-pw".toCharArray()));
    }
}
