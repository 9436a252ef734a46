package org.rowmq.security;

import jakarta.jms.JMSSecurityException;

/**
 * What one connection may do: the policy of its factory with the user the connection authenticated as. {@link #OPEN}
 * when the factory has no security configuration.
 */
public final class Access {
    public static final Access OPEN = new Access(null, null);

    private final SecurityPolicy policy;
    private final AuthenticatedUser user;

    private Access(SecurityPolicy policy, AuthenticatedUser user) {
        this.policy = policy;
        this.user = user;
    }

    /** Authenticates now: wrong credentials fail here, when the connection is created. */
    public static Access of(SecurityPolicy policy, String user, String password) throws JMSSecurityException {
        return policy == null ? OPEN : new Access(policy, policy.authenticate(user, password));
    }

    /** @throws JMSSecurityException naming the user, the operation and the destination when not allowed */
    public void check(Operation op, String destination) throws JMSSecurityException {
        if (policy != null) policy.authorize(user, op, destination);
    }

    /** The user's name, or null when open or anonymous. */
    public String userName() {
        return user == null ? null : user.name();
    }
}
