package org.rowmq.store;

import jakarta.jms.JMSException;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/** A reference to a shared store as the tests use it: the store's operations, and a close that releases the reference. */
interface OpenStore extends MessageStore, AutoCloseable {

    @Override
    void close();

    /** The store behind the reference, for package-level operations (reaping, sweeping now). */
    JdbcMessageStore jdbc();

    static OpenStore open(StoreConfig config) throws JMSException {
        SharedStore shared = Stores.open(config);
        return (OpenStore) Proxy.newProxyInstance(OpenStore.class.getClassLoader(), new Class<?>[]{OpenStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close") && method.getParameterCount() == 0) {
                        shared.close();
                        return null;
                    }
                    if (method.getName().equals("jdbc")) return shared.jdbc();
                    try {
                        return method.invoke(shared.store(), args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
