package org.rowmq.admin;

import java.io.PrintStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * A JDBC driver for URLs {@code jdbc:mid-move:REAL-URL} that passes everything to the real driver, except that the
 * first statement of a move returning dead letters to an origin, once executed, stops the thread for good: a move held
 * half-way, its transaction open, until the JVM is killed. Before stopping it prints one line,
 * {@code MID-MOVE updated=N autoCommit=B returned=M}: the rows the statement moved, whether a transaction is open, and
 * the rows outside the dead-letter queue as the move's own connection sees them (its uncommitted changes included).
 */
final class MidMoveDriver implements Driver {

    static final String PREFIX = "jdbc:mid-move:";

    /** How the statement of a move back to the origin begins (DeadLetterReturn's UPDATE). */
    private static final String RETURN = "UPDATE rowmq_message SET destination = original_destination";

    private final PrintStream report;

    MidMoveDriver(PrintStream report) {
        this.report = report;
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) return null;
        Connection real = DriverManager.getConnection(url.substring(PREFIX.length()), info);
        return proxy(Connection.class, real, (method, args, result) ->
                method.getName().equals("prepareStatement") && args[0] instanceof String sql && sql.startsWith(RETURN)
                        ? proxy(PreparedStatement.class, (PreparedStatement) result, (m, a, r) -> {
                            if (m.getName().equals("executeUpdate")) stop(real, (Integer) r);
                            return r;
                        })
                        : result);
    }

    private void stop(Connection c, int updated) throws SQLException {
        long returned;
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM rowmq_message WHERE original_destination IS NULL")) {
            rs.next();
            returned = rs.getLong(1);
        }
        report.println("MID-MOVE updated=" + updated + " autoCommit=" + c.getAutoCommit() + " returned=" + returned);
        report.flush();
        while (true) {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                // Held until killed: the move must not go on.
            }
        }
    }

    @FunctionalInterface
    private interface After {
        Object apply(Method method, Object[] args, Object result) throws SQLException;
    }

    /** {@code real} behind {@code type}, each call's result passed through {@code after}. */
    private static <T> T proxy(Class<T> type, T real, After after) {
        InvocationHandler handler = (p, method, args) -> {
            Object result;
            try {
                result = method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            return after.apply(method, args, result);
        };
        return type.cast(Proxy.newProxyInstance(MidMoveDriver.class.getClassLoader(), new Class<?>[] {type}, handler));
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.startsWith(PREFIX);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        return new DriverPropertyInfo[0];
    }

    @Override
    public int getMajorVersion() {
        return 1;
    }

    @Override
    public int getMinorVersion() {
        return 0;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }
}
