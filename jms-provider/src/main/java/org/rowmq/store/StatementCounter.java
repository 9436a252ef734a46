package org.rowmq.store;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the statements a connection sends: every execution of a statement made from it (one per execute call,
 * failed or not; a batch is one, however the driver splits it) and every commit and rollback. The group commit's
 * lanes count theirs with it, so that the store reports its statements per message itself (the database's own count,
 * pg_stat_statements, needs an extension, and sees every client of the database at once).
 */
final class StatementCounter {
    private static final Set<String> EXECUTIONS = Set.of("execute", "executeQuery", "executeUpdate", "executeBatch",
            "executeLargeUpdate", "executeLargeBatch");
    private static final Set<String> TRANSACTION_ENDS = Set.of("commit", "rollback");
    private static final Set<String> STATEMENT_FACTORIES = Set.of("createStatement", "prepareStatement",
            "prepareCall");

    private final LongAdder statements = new LongAdder();

    long count() {
        return statements.sum();
    }

    /** {@code connection}, counting here what it sends; unwrap gives the driver's own connection, uncounted. */
    Connection counting(Connection connection) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[]{Connection.class}, (proxy, method, args) -> {
                    if (TRANSACTION_ENDS.contains(method.getName())) statements.increment();
                    Object result = invoke(connection, method, args);
                    return STATEMENT_FACTORIES.contains(method.getName()) ? countingStatement(result) : result;
                });
    }

    private Object countingStatement(Object statement) {
        Class<?> kind = statement instanceof CallableStatement ? CallableStatement.class
                : statement instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
        return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{kind},
                (proxy, method, args) -> {
                    // Counted when sent, whether the database accepts it or not.
                    if (EXECUTIONS.contains(method.getName())) statements.increment();
                    return invoke(statement, method, args);
                });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
