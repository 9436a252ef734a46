package org.rowmq.client;

import jakarta.jms.JMSSecurityException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The users a connection factory accepts. Empty means credentials are not checked (RowMQ's real access control is
 * the database's own); once a user is added, a connection that gives credentials must give a configured pair.
 */
final class Credentials {
    private final ConcurrentHashMap<String, byte[]> passwords = new ConcurrentHashMap<>();

    void add(String user, String password) {
        if (user == null || user.isEmpty()) throw new IllegalArgumentException("A user name must not be null or empty");
        passwords.put(user, bytes(password));
    }

    void check(String user, String password) throws JMSSecurityException {
        if (passwords.isEmpty()) return;
        byte[] expected = user == null ? null : passwords.get(user);
        // Compared in constant time, and the message does not say which of the two was wrong.
        if (expected == null || !MessageDigest.isEqual(expected, bytes(password)))
            throw new JMSSecurityException("Authentication failed for user '" + user + "': unknown user or wrong password");
    }

    private static byte[] bytes(String s) {
        return (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
    }
}
