package org.rowmq.security;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Successful logins remembered, so that an application (or the TCK) that opens a connection per operation does not
 * pay a PBKDF2 derivation, or a JAAS round trip, each time. What is kept per user is an HMAC-SHA256 of the password
 * under a key drawn at random when this cache is made and never stored: the plain password is not kept, and the
 * cache is worthless outside this JVM. A wrong password is never cached, so it always takes the full check.
 */
final class VerifiedCredentials {
    /** Users remembered at most; beyond it the cache starts again (a safeguard, not a tuning knob). */
    private static final int MAX_USERS = 10_000;

    private record Verified(byte[] mac, AuthenticatedUser user) {
    }

    private final byte[] key = new byte[32];
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

    VerifiedCredentials() {
        new SecureRandom().nextBytes(key);
    }

    /** The user when this name and password were verified before, else null. */
    AuthenticatedUser lookup(String user, char[] password) {
        Verified v = verified.get(user);
        return v != null && MessageDigest.isEqual(v.mac(), mac(user, password)) ? v.user() : null;
    }

    void remember(String user, char[] password, AuthenticatedUser authenticated) {
        if (verified.size() >= MAX_USERS) verified.clear();
        verified.put(user, new Verified(mac(user, password), authenticated));
    }

    private byte[] mac(String user, char[] password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(user.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
            byte[] plain = new byte[bytes.remaining()];
            bytes.get(plain);
            try {
                return mac.doFinal(plain);
            } finally {
                Arrays.fill(plain, (byte) 0);
                if (bytes.hasArray()) Arrays.fill(bytes.array(), (byte) 0);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }
}
