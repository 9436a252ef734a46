package org.rowmq.security;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * Passwords as RowMQ's security files store them: PBKDF2-HMAC-SHA256 (in every JDK) with a random 16-byte salt per
 * user and {@value #DEFAULT_ITERATIONS} iterations (OWASP's figure for this algorithm), written as
 * {@code pbkdf2-sha256:<iterations>:<salt, base64>:<hash, base64>}. The iteration count travels with the hash, so a
 * file written with a higher count later keeps working.
 *
 * <p>Operators make a hash with {@code java -cp jms-provider.jar org.rowmq.security.PasswordHash}, which reads the
 * password from the console (or one line of standard input) and prints the line to put in the file.
 */
public final class PasswordHash {
    public static final String SCHEME = "pbkdf2-sha256";
    public static final int DEFAULT_ITERATIONS = 600_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHash() {
    }

    /** A new hash of {@code password} with a fresh salt and the default iteration count. */
    public static String hash(char[] password) {
        return hash(password, DEFAULT_ITERATIONS);
    }

    public static String hash(char[] password, int iterations) {
        if (iterations < 1) throw new IllegalArgumentException("iterations must be positive, was " + iterations);
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder();
        return SCHEME + ":" + iterations + ":" + b64.encodeToString(salt) + ":"
                + b64.encodeToString(derive(password, salt, iterations));
    }

    /**
     * Whether {@code password} is the one {@code stored} was made from (compared in constant time).
     *
     * @throws IllegalArgumentException when {@code stored} is not a hash of this scheme (a plain password, say)
     */
    public static boolean matches(String stored, char[] password) {
        Parsed p = parse(stored);
        return MessageDigest.isEqual(p.hash(), derive(password, p.salt(), p.iterations()));
    }

    /** Checks the form of a stored hash, so a file with a plain-text password fails when it is loaded. */
    static void check(String stored) {
        parse(stored);
    }

    private record Parsed(int iterations, byte[] salt, byte[] hash) {
    }

    private static Parsed parse(String stored) {
        String[] parts = stored == null ? new String[0] : stored.split(":", -1);
        try {
            if (parts.length == 4 && parts[0].equals(SCHEME)) {
                int iterations = Integer.parseInt(parts[1]);
                byte[] salt = Base64.getDecoder().decode(parts[2]);
                byte[] hash = Base64.getDecoder().decode(parts[3]);
                if (iterations > 0 && salt.length >= 8 && hash.length == HASH_BITS / 8) return new Parsed(iterations, salt, hash);
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new IllegalArgumentException("not a password hash of the form " + SCHEME
                + ":<iterations>:<salt>:<hash>; make one with java -cp jms-provider.jar " + PasswordHash.class.getName());
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JDK", e);
        } finally {
            spec.clearPassword();
        }
    }

    /** Prints the hash of a password read from the console, or from the first line of standard input. */
    public static void main(String[] args) throws IOException {
        Console console = System.console();
        char[] password;
        if (console != null) {
            password = console.readPassword("Password: ");
        } else {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            password = line == null ? null : line.toCharArray();
        }
        if (password == null || password.length == 0) {
            System.err.println("No password given");
            System.exit(1);
        }
        System.out.println(hash(password));
        Arrays.fill(password, '\0');
    }
}
