package org.rowmq.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.security.auth.login.Configuration;
import java.io.IOException;
import java.io.Reader;
import java.security.URIParameter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a security file. Properties:
 * <pre>
 * user.alice = pbkdf2-sha256:600000:...      # java -cp jms-provider.jar org.rowmq.security.PasswordHash
 * roles.alice = orders-writer, auditor
 * anonymous.roles = guest                    # absent: connections without credentials are refused
 * jaas.entry = RowMQ                         # instead of user.*: a JAAS login entry
 * jaas.roleClass = com.example.RolePrincipal # optional; jaas.config = path of a JAAS file (optional)
 * permission.orders.match = orders.#
 * permission.orders.send = orders-writer
 * permission.orders.consume = orders-reader, auditor
 * </pre>
 * JSON (same meaning): {@code {"users": {"alice": {"password": "...", "roles": ["orders-writer"]}},
 * "anonymousRoles": ["guest"], "jaas": {"entry": "RowMQ", "roleClass": "...", "config": "..."},
 * "permissions": [{"match": "orders.#", "send": ["orders-writer"], "consume": ["auditor"]}]}}.
 * Any key RowMQ does not know is an error, so a misspelt permission never silently grants or refuses.
 */
final class SecurityFiles {
    private SecurityFiles() {
    }

    static SecurityPolicy load(Path file) throws IOException {
        try {
            return file.getFileName().toString().endsWith(".json") ? json(file) : properties(file);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Security configuration " + file + ": " + e.getMessage(), e);
        }
    }

    private static SecurityPolicy properties(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        SecurityPolicy.Builder b = SecurityPolicy.builder();
        Map<String, String> labelToMatch = new java.util.HashMap<>();
        for (String key : new TreeSet<>(p.stringPropertyNames())) {
            String value = p.getProperty(key).trim();
            if (key.startsWith("permission.") && key.endsWith(".match"))
                labelToMatch.put(key.substring("permission.".length(), key.length() - ".match".length()), value);
        }
        String jaasEntry = null, roleClass = null, jaasConfig = null;
        for (String key : new TreeSet<>(p.stringPropertyNames())) {
            String value = p.getProperty(key).trim();
            if (key.startsWith("user.")) {
                String user = key.substring("user.".length());
                b.user(user, value, list(p.getProperty("roles." + user, "")).toArray(String[]::new));
            } else if (key.startsWith("roles.")) {
                if (p.getProperty("user." + key.substring("roles.".length())) == null)
                    throw new IllegalArgumentException(key + " names a user without a user." + key.substring(6) + " line");
            } else if (key.equals("anonymous.roles")) {
                b.anonymous(list(value).toArray(String[]::new));
            } else if (key.equals("jaas.entry")) {
                jaasEntry = value;
            } else if (key.equals("jaas.roleClass")) {
                roleClass = value;
            } else if (key.equals("jaas.config")) {
                jaasConfig = value;
            } else if (key.startsWith("permission.")) {
                permission(b, labelToMatch, key, value);
            } else {
                throw new IllegalArgumentException("unknown key '" + key + "'; the keys are user.<name>, roles.<name>,"
                        + " anonymous.roles, jaas.entry, jaas.roleClass, jaas.config, permission.<label>.match and"
                        + " permission.<label>.<operation>");
            }
        }
        if (jaasEntry != null) b.jaas(jaas(file, jaasEntry, roleClass, jaasConfig));
        return b.build();
    }

    private static void permission(SecurityPolicy.Builder b, Map<String, String> labelToMatch, String key, String value) {
        String rest = key.substring("permission.".length());
        int dot = rest.lastIndexOf('.');
        if (dot < 0) throw new IllegalArgumentException("'" + key + "' should be permission.<label>.<operation>");
        String label = rest.substring(0, dot), op = rest.substring(dot + 1);
        if (op.equals("match")) return;
        String match = labelToMatch.get(label);
        if (match == null) throw new IllegalArgumentException("'" + key + "' has no permission." + label + ".match");
        b.permit(match, Operation.ofConfigName(op), list(value).toArray(String[]::new));
    }

    private static SecurityPolicy json(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        if (root == null || !root.isObject()) throw new IllegalArgumentException("the file is not a JSON object");
        known(root, "top level", Set.of("users", "anonymousRoles", "jaas", "permissions"));
        SecurityPolicy.Builder b = SecurityPolicy.builder();
        Iterator<Map.Entry<String, JsonNode>> users = root.path("users").fields();
        while (users.hasNext()) {
            Map.Entry<String, JsonNode> u = users.next();
            known(u.getValue(), "user " + u.getKey(), Set.of("password", "roles"));
            b.user(u.getKey(), u.getValue().path("password").asText(null), strings(u.getValue().path("roles")));
        }
        if (root.has("anonymousRoles")) b.anonymous(strings(root.get("anonymousRoles")));
        if (root.has("jaas")) {
            JsonNode j = root.get("jaas");
            known(j, "jaas", Set.of("entry", "roleClass", "config"));
            b.jaas(jaas(file, j.path("entry").asText(null), j.path("roleClass").asText(null), j.path("config").asText(null)));
        }
        for (JsonNode perm : root.path("permissions")) {
            Iterator<Map.Entry<String, JsonNode>> fields = perm.fields();
            String match = perm.path("match").asText(null);
            if (match == null) throw new IllegalArgumentException("a permission without \"match\": " + perm);
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (!f.getKey().equals("match")) b.permit(match, Operation.ofConfigName(f.getKey()), strings(f.getValue()));
            }
        }
        return b.build();
    }

    private static void known(JsonNode node, String where, Set<String> keys) {
        node.fieldNames().forEachRemaining(k -> {
            if (!keys.contains(k)) throw new IllegalArgumentException("unknown key '" + k + "' in " + where + "; known: " + keys);
        });
    }

    private static String[] strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out.toArray(String[]::new);
    }

    private static List<String> list(String commaSeparated) {
        List<String> out = new ArrayList<>();
        for (String s : commaSeparated.split(",")) {
            if (!s.isBlank()) out.add(s.trim());
        }
        return out;
    }

    /** A JAAS login; its own configuration file, relative to the security file, or the JVM's. */
    private static JaasAuthenticator jaas(Path file, String entry, String roleClass, String config) {
        if (config == null) return new JaasAuthenticator(entry, roleClass, null);
        Path path = file.toAbsolutePath().getParent().resolve(config);
        try {
            return new JaasAuthenticator(entry, roleClass,
                    Configuration.getInstance("JavaLoginConfig", new URIParameter(path.toUri())));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("cannot read the JAAS configuration " + path + ": " + e.getMessage(), e);
        }
    }
}
