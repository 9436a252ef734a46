package org.rowmq.security;

/** Checks a user name and password and says which roles the user has. */
public interface Authenticator {
    /**
     * @return the user with its roles, or null when the name is unknown or the password wrong (the caller says so
     *         without telling which)
     */
    AuthenticatedUser authenticate(String user, char[] password);
}
