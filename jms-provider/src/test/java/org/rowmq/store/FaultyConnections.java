package org.rowmq.store;

import org.rowmq.testsupport.TestDatabase;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.UnaryOperator;

/**
 * A test's DataSource over a test database whose connections the test wraps, so that a driver fails where a real
 * server crash, failover or Galera certification failure would, at the instant the test chooses.
 */
final class FaultyConnections {

    /** What a wrapper does about one call on the real object; {@link #pass} calls it. */
    @FunctionalInterface
    interface Call {
        Object handle(Method method, Object[] args) throws Throwable;
    }

    private FaultyConnections() {
    }

    /** Unpooled connections to {@code db}, each as {@code wrap} returns it. */
    static DataSource over(TestDatabase db, UnaryOperator<Connection> wrap) {
        return proxy(DataSource.class, (method, args) -> switch (method.getName()) {
            case "getConnection" -> wrap.apply(db.connect());
            case "getLoginTimeout" -> 0;
            case "isWrapperFor" -> false;
            case "unwrap" -> throw new SQLException("not a wrapper");
            default -> null;
        });
    }

    /** A {@code type} whose calls go to {@code call}; hashCode, equals and toString are the proxy's own. */
    static <T> T proxy(Class<T> type, Call call) {
        return type.cast(Proxy.newProxyInstance(FaultyConnections.class.getClassLoader(), new Class<?>[]{type},
                (proxy, method, args) -> switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "faulty " + type.getSimpleName();
                    default -> call.handle(method, args);
                }));
    }

    /** Calls the real object as a wrapper does by default, throwing what it throws. */
    static Object pass(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** What the driver throws when the connection broke (PostgreSQL's wording). */
    static SQLException lostConnection() {
        return new SQLException("An I/O error occurred while sending to the backend", "08006");
    }

    /** What MariaDB reports for a Galera certification failure at commit. */
    static SQLException certificationFailure() {
        return new SQLException("Deadlock found when trying to get lock; try restarting transaction", "40001", 1213);
    }
}
