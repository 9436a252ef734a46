package org.rowmq.security;

import jakarta.jms.JMSSecurityException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who may connect and what they may do: an {@link Authenticator} (hashed users from a file, or JAAS), the roles of
 * connections without credentials (none: they are refused), and {@link Permissions} per destination. Made from a file
 * with {@link #load(Path)} or in code with {@link #builder()}.
 */
public final class SecurityPolicy {
    private final Authenticator authenticator;
    private final Set<String> anonymousRoles;
    private final Permissions permissions;
    private final VerifiedCredentials verified = new VerifiedCredentials();

    private SecurityPolicy(Authenticator authenticator, Set<String> anonymousRoles, Permissions permissions) {
        this.authenticator = authenticator;
        this.anonymousRoles = anonymousRoles;
        this.permissions = permissions;
    }

    /** A properties file, or a JSON file when the name ends in .json (jackson-databind on the classpath). */
    public static SecurityPolicy load(Path file) throws IOException {
        return SecurityFiles.load(file);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The user these credentials prove, with its roles; {@code user} null means a connection without credentials.
     *
     * @throws JMSSecurityException when the name is unknown, the password wrong, or credentials are required
     */
    public AuthenticatedUser authenticate(String user, String password) throws JMSSecurityException {
        if (user == null) {
            if (anonymousRoles == null)
                throw new JMSSecurityException("Authentication required: this connection factory has no default "
                        + "credentials and the security configuration admits no connections without credentials; "
                        + "pass a user name and password");
            return new AuthenticatedUser(null, anonymousRoles);
        }
        char[] pw = (password == null ? "" : password).toCharArray();
        AuthenticatedUser known = verified.lookup(user, pw);
        if (known != null) return known;
        AuthenticatedUser u = authenticator.authenticate(user, pw);
        // The message does not say which of the two was wrong.
        if (u == null) throw new JMSSecurityException("Authentication failed for user '" + user
                + "': unknown user or wrong password", "AUTHENTICATION");
        verified.remember(user, pw, u);
        return u;
    }

    /**
     * @throws JMSSecurityException naming the user, the operation and the destination when the deciding match does not
     *                              give one of the user's roles this operation
     */
    public void authorize(AuthenticatedUser user, Operation op, String destination) throws JMSSecurityException {
        Optional<Permissions.Rule> rule = permissions.decidingRule(destination);
        if (rule.isPresent() && rule.get().allows(op, user.roles())) return;
        String why = rule.map(r -> "the match '" + r.match() + "' gives '" + op.configName() + "' to "
                        + r.roles().getOrDefault(op, Set.of()) + ", " + user.describe() + " has roles " + user.roles())
                .orElse("no permission match covers it");
        throw new JMSSecurityException("Not allowed: " + user.describe() + " may not " + op.configName() + " on '"
                + destination + "' (" + why + ")", "AUTHORIZATION");
    }

    @Override
    public String toString() {
        return "SecurityPolicy[" + authenticator + ", anonymous " + (anonymousRoles == null ? "refused" : anonymousRoles) + "]";
    }

    /** Builds a policy in code; the same parts as a security file. */
    public static final class Builder {
        private final Map<String, HashedUsers.Entry> users = new LinkedHashMap<>();
        private Authenticator jaas;
        private Set<String> anonymousRoles;
        private final Map<AddressMatch, Map<Operation, Set<String>>> rules = new LinkedHashMap<>();

        private Builder() {
        }

        /** A user with a hash made by {@link PasswordHash} (never a plain password). */
        public Builder user(String name, String passwordHash, String... roles) {
            if (name == null || name.isEmpty()) throw new IllegalArgumentException("a user name must not be empty");
            users.put(name, new HashedUsers.Entry(passwordHash, Set.of(roles)));
            return this;
        }

        /** Users from JAAS instead of hashed users. */
        public Builder jaas(JaasAuthenticator authenticator) {
            this.jaas = authenticator;
            return this;
        }

        /** Connections without credentials get these roles (without this call they are refused). */
        public Builder anonymous(String... roles) {
            this.anonymousRoles = Set.of(roles);
            return this;
        }

        /** Gives {@code roles} the operation on the destinations {@code match} covers. */
        public Builder permit(String match, Operation op, String... roles) {
            rules.computeIfAbsent(new AddressMatch(match), m -> new EnumMap<>(Operation.class))
                    .computeIfAbsent(op, o -> new java.util.HashSet<>()).addAll(List.of(roles));
            return this;
        }

        /** Gives {@code roles} every operation on the destinations {@code match} covers. */
        public Builder permitAll(String match, String... roles) {
            for (Operation op : Operation.values()) permit(match, op, roles);
            return this;
        }

        public SecurityPolicy build() {
            if (jaas != null && !users.isEmpty())
                throw new IllegalArgumentException("give users or a JAAS login, not both");
            if (jaas == null && users.isEmpty() && anonymousRoles == null)
                throw new IllegalArgumentException("the security configuration has no users, no JAAS login and no "
                        + "anonymous roles: nobody could connect");
            List<Permissions.Rule> list = new ArrayList<>();
            rules.forEach((m, ops) -> list.add(new Permissions.Rule(m, ops)));
            return new SecurityPolicy(jaas != null ? jaas : new HashedUsers(users), anonymousRoles, new Permissions(list));
        }
    }
}
