package org.rowmq.ra;

import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * A driver's own interface (PostgreSQL's PGConnection, which RowMQ listens for arrivals with) over a connection of a
 * server datasource. The server's pool hands out wrapped connections, and its driver is loaded apart from the copy the
 * adapter bundles, so {@code unwrap} to the adapter's interface fails although the physical connection implements the
 * same interface of the other copy. The bridge calls the physical connection's method of the same name and parameter
 * types, and bridges the results (PGNotification arrays) in turn.
 */
final class DriverBridge {
    private DriverBridge() {
    }

    /** {@code iface} over the physical connection under a server's wrapped connection, or the original failure. */
    static <T> T unwrap(Connection wrapped, Class<T> iface, SQLException failure) throws SQLException {
        Object physical;
        try {
            // IronJacamar's WrappedConnection (WildFly's datasources) exposes the driver's connection so.
            physical = wrapped.getClass().getMethod("getUnderlyingConnection").invoke(wrapped);
        } catch (ReflectiveOperationException e) {
            throw failure;
        }
        if (iface.isInstance(physical)) return iface.cast(physical);
        if (!implementsByName(physical.getClass(), iface.getName())) throw failure;
        return iface.cast(bridge(physical, iface));
    }

    private static boolean implementsByName(Class<?> c, String name) {
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            for (Class<?> i : k.getInterfaces())
                if (i.getName().equals(name) || implementsByName(i, name)) return true;
        }
        return false;
    }

    private static Object bridge(Object target, Class<?> iface) {
        return Proxy.newProxyInstance(iface.getClassLoader(), new Class<?>[]{iface}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "bridge to " + target;
                };
            }
            Method same = target.getClass().getMethod(method.getName(), sameTypes(target, method));
            same.setAccessible(true);
            try {
                return adapt(same.invoke(target, args), method.getReturnType());
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    /** The parameter types of {@code method} as the target's class loader knows them (primitives and JDK types). */
    private static Class<?>[] sameTypes(Object target, Method method) throws ClassNotFoundException {
        Class<?>[] types = method.getParameterTypes();
        Class<?>[] theirs = new Class<?>[types.length];
        for (int i = 0; i < types.length; i++)
            theirs[i] = types[i].isPrimitive() || types[i].getClassLoader() == null ? types[i]
                    : Class.forName(types[i].getName(), false, target.getClass().getClassLoader());
        return theirs;
    }

    private static Object adapt(Object value, Class<?> declared) {
        if (value == null || declared.isInstance(value)) return value;
        if (declared.isArray() && value.getClass().isArray()) {
            Object[] from = (Object[]) value;
            Object to = Array.newInstance(declared.getComponentType(), from.length);
            Arrays.setAll((Object[]) to, i -> adapt(from[i], declared.getComponentType()));
            return to;
        }
        if (declared.isInterface()) return bridge(value, declared);
        return value;
    }
}
