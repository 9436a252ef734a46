package org.rowmq.security;

import java.util.Map;
import java.util.Set;

/** Users from a security file: a PBKDF2 hash (see {@link PasswordHash}) and roles per user. */
final class HashedUsers implements Authenticator {
    record Entry(String passwordHash, Set<String> roles) {
        Entry {
            PasswordHash.check(passwordHash);
            roles = Set.copyOf(roles);
        }
    }

    private final Map<String, Entry> users;

    HashedUsers(Map<String, Entry> users) {
        this.users = Map.copyOf(users);
    }

    @Override
    public AuthenticatedUser authenticate(String user, char[] password) {
        Entry e = users.get(user);
        if (e == null) {
            // The same work as for a known user, so the time taken does not tell which names exist.
            PasswordHash.matches(DUMMY, password);
            return null;
        }
        return PasswordHash.matches(e.passwordHash(), password) ? new AuthenticatedUser(user, e.roles()) : null;
    }

    private static final String DUMMY = PasswordHash.hash(new char[]{'x'});

    @Override
    public String toString() {
        return "users " + users.keySet();
    }
}
