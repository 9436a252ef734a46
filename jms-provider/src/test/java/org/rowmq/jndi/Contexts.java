package org.rowmq.jndi;

import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.UUID;

/** InitialContexts built from key/value pairs, the way an application passes its environment. */
final class Contexts {
    private Contexts() {
    }

    static Context of(String... keysAndValues) throws NamingException {
        return new InitialContext(environment(keysAndValues));
    }

    static Hashtable<String, Object> environment(String... keysAndValues) {
        Hashtable<String, Object> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, RowInitialContextFactory.class.getName());
        for (int i = 0; i < keysAndValues.length; i += 2) {
            env.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return env;
    }

    /**
     * A JDBC URL no other test uses. Factories are shared per definition across the JVM, so tests that compare
     * instances need URLs of their own; lookups alone never open the database.
     */
    static String uniqueUrl() {
        Path file = Path.of("target", "rowmq-h2", "jndi-" + UUID.randomUUID(), "rowmq").toAbsolutePath();
        return "jdbc:h2:file:" + file + ";WRITE_DELAY=0";
    }
}
