package org.rowmq.security;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;
import java.security.Principal;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JAAS login module for tests, standing in for an operator's LDAP or realm module: user "carol", password
 * "carol-pw", with the role principal "reader"; counts the logins it was asked for.
 */
public final class CountingLoginModule implements LoginModule {
    public static final AtomicInteger LOGINS = new AtomicInteger();

    /** A role, as many login modules give them: a principal class of its own. */
    public record RolePrincipal(String getName) implements Principal {
    }

    public record UserPrincipal(String getName) implements Principal {
    }

    private Subject subject;
    private CallbackHandler handler;
    private String user;

    @Override
    public void initialize(Subject subject, CallbackHandler handler, Map<String, ?> sharedState, Map<String, ?> options) {
        this.subject = subject;
        this.handler = handler;
    }

    @Override
    public boolean login() throws LoginException {
        LOGINS.incrementAndGet();
        NameCallback name = new NameCallback("user");
        PasswordCallback password = new PasswordCallback("password", false);
        try {
            handler.handle(new Callback[]{name, password});
        } catch (Exception e) {
            throw new LoginException(e.toString());
        }
        if (!"carol".equals(name.getName()) || !Arrays.equals("carol-pw".toCharArray(), password.getPassword()))
            throw new FailedLoginException("wrong");
        user = name.getName();
        return true;
    }

    @Override
    public boolean commit() {
        subject.getPrincipals().add(new UserPrincipal(user));
        subject.getPrincipals().add(new RolePrincipal("reader"));
        return true;
    }

    @Override
    public boolean abort() {
        return true;
    }

    @Override
    public boolean logout() {
        return true;
    }
}
