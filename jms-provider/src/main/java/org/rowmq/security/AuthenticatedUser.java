package org.rowmq.security;

import java.util.Set;

/**
 * Who a connection acts for: the user name (null for a connection without credentials the policy admits as
 * anonymous) and the roles permissions are granted to.
 */
public record AuthenticatedUser(String name, Set<String> roles) {
    public AuthenticatedUser {
        roles = Set.copyOf(roles);
    }

    /** For messages: the user's name in quotes, or "an unauthenticated connection". */
    public String describe() {
        return name == null ? "an unauthenticated connection" : "user '" + name + "'";
    }
}
