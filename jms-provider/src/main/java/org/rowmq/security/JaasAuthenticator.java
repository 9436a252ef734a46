package org.rowmq.security;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import java.security.Principal;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Users from a JAAS login module the operator already has (LDAP, Kerberos, a container's realm): the login
 * configuration entry {@code entry} is run with the user name and password, and the names of the logged-in subject's
 * principals of {@code roleClass} are the user's roles (all its principals' names when roleClass is null).
 */
public final class JaasAuthenticator implements Authenticator {
    private final String entry;
    private final String roleClass;
    private final Configuration configuration;

    /**
     * @param configuration the JAAS configuration, or null for the JVM's (java.security.auth.login.config)
     */
    public JaasAuthenticator(String entry, String roleClass, Configuration configuration) {
        if (entry == null || entry.isBlank()) throw new IllegalArgumentException("a JAAS login entry name is needed");
        this.entry = entry;
        this.roleClass = roleClass;
        this.configuration = configuration;
    }

    @Override
    public AuthenticatedUser authenticate(String user, char[] password) {
        Subject subject = new Subject();
        try {
            LoginContext login = new LoginContext(entry, subject, callbacks -> answer(callbacks, user, password),
                    configuration);
            login.login();
        } catch (LoginException e) {
            return null;
        }
        Set<String> roles = subject.getPrincipals().stream()
                .filter(p -> roleClass == null || p.getClass().getName().equals(roleClass))
                .map(Principal::getName)
                .collect(Collectors.toSet());
        return new AuthenticatedUser(user, roles);
    }

    private static void answer(Callback[] callbacks, String user, char[] password) throws UnsupportedCallbackException {
        for (Callback c : callbacks) {
            if (c instanceof NameCallback n) n.setName(user);
            else if (c instanceof PasswordCallback p) p.setPassword(password);
            else throw new UnsupportedCallbackException(c, "RowMQ supplies only the user name and password");
        }
    }

    @Override
    public String toString() {
        return "JAAS login '" + entry + "'";
    }
}
