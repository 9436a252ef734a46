package org.rowmq.ra;

import jakarta.transaction.SystemException;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A server datasource as the home of RowMQ's store (its claims, group commits, heartbeats, schema migrations), when the
 * adapter is configured with {@code dataSourceJndiName} and no {@code jdbcUrl}. The server enlists a JTA datasource's
 * connections in the calling thread's transaction, and RowMQ's own work sometimes runs on a thread inside one (an
 * MDB's delivery, a send that opens the store first). That work must never commit or roll back with the application,
 * so every JDBC call made through this datasource, and through the connections, statements and result sets it hands
 * out, runs with the thread's transaction suspended.
 */
final class TransactionFreeDataSource implements InvocationHandler {
    /** Where WildFly binds its transaction manager. */
    static final String TRANSACTION_MANAGER = "java:jboss/TransactionManager";

    private final Object target;
    private final TransactionManager transactions;

    private TransactionFreeDataSource(Object target, TransactionManager transactions) {
        this.target = target;
        this.transactions = transactions;
    }

    /** The datasource bound at {@code jndiName}, every call of it outside the caller's transaction. */
    static DataSource lookup(String jndiName) {
        try {
            InitialContext jndi = new InitialContext();
            Object found = jndi.lookup(jndiName);
            if (!(found instanceof DataSource ds))
                throw new IllegalStateException("RowMQ's dataSourceJndiName " + jndiName + " names a "
                        + (found == null ? "null" : found.getClass().getName()) + ", not a javax.sql.DataSource");
            TransactionManager tm = (TransactionManager) jndi.lookup(TRANSACTION_MANAGER);
            return wrap(ds, DataSource.class, tm);
        } catch (NamingException e) {
            throw new IllegalStateException("RowMQ's store needs the datasource " + jndiName + " (dataSourceJndiName) "
                    + "and the server's transaction manager at " + TRANSACTION_MANAGER + ": " + e.getMessage(), e);
        }
    }

    static <T> T wrap(Object target, Class<T> type, TransactionManager transactions) {
        return type.cast(Proxy.newProxyInstance(TransactionFreeDataSource.class.getClassLoader(), new Class<?>[]{type},
                new TransactionFreeDataSource(target, transactions)));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "RowMQ store on " + target;
            };
        }
        Transaction suspended = suspend();
        Object result;
        try {
            result = method.invoke(target, targets(args));
        } catch (InvocationTargetException e) {
            if (method.getName().equals("unwrap") && target instanceof Connection c && e.getCause() instanceof SQLException s)
                return DriverBridge.unwrap(c, (Class<?>) args[0], s);
            throw e.getCause();
        } finally {
            if (suspended != null) transactions.resume(suspended);
        }
        Class<?> type = method.getReturnType();
        // Connections, statements, result sets and metadata carry on outside the transaction; unwrap() results and
        // values are the caller's business.
        if (result != null && type.isInterface() && type.getPackageName().equals("java.sql")
                && !method.getName().equals("unwrap"))
            return wrap(result, type, transactions);
        return result;
    }

    /** The driver gets its own objects back (an Array made by createArrayOf, given to setArray), not ours. */
    private static Object[] targets(Object[] args) {
        if (args == null) return null;
        Object[] unwrapped = args.clone();
        for (int i = 0; i < unwrapped.length; i++)
            if (unwrapped[i] != null && Proxy.isProxyClass(unwrapped[i].getClass())
                    && Proxy.getInvocationHandler(unwrapped[i]) instanceof TransactionFreeDataSource h)
                unwrapped[i] = h.target;
        return unwrapped;
    }

    private Transaction suspend() throws SQLException {
        try {
            return transactions.suspend();
        } catch (SystemException e) {
            throw new SQLException("RowMQ could not suspend the caller's transaction for its own store work: "
                    + e.getMessage(), e);
        }
    }
}
