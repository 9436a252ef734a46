package org.rowmq.ra.outbound;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A proxy over a provider object for application components: the rules intercept some methods (to refuse what
 * Jakarta Messaging forbids in the web and EJB containers, or to give a handle's own close) and every other call
 * passes through. Results are guarded in turn where the rules say so (a consumer of a session, a producer of a
 * context), and a method returning its target ("return this" chaining) returns the proxy.
 */
final class Guard implements InvocationHandler {
    /** Returned by an interception that lets the call through to the target. */
    static final Object PASS = new Object();

    /** Runs instead of a call: throws to refuse it, returns its result, or returns {@link #PASS}. */
    interface Intercept {
        Object apply(Method method, Object[] args) throws Exception;
    }

    /**
     * @param before runs ahead of every call (interception or not), or null: a handle refuses everything once closed
     */
    record Rules(Map<String, Intercept> intercepted, UnaryOperator<Object> wrapResult, Intercept before) {
        Rules(Map<String, Intercept> intercepted, UnaryOperator<Object> wrapResult) {
            this(intercepted, wrapResult, null);
        }
    }

    private final Object target;
    private final Rules rules;
    private Object proxy;

    private Guard(Object target, Rules rules) {
        this.target = target;
        this.rules = rules;
    }

    @SuppressWarnings("unchecked")
    static <T> T wrap(Object target, Rules rules, Class<?>... interfaces) {
        Guard guard = new Guard(target, rules);
        guard.proxy = Proxy.newProxyInstance(Guard.class.getClassLoader(), interfaces, guard);
        return (T) guard.proxy;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "RowMQ handle over " + target;
            };
        }
        if (rules.before() != null) rules.before().apply(method, args);
        Intercept intercept = rules.intercepted().get(method.getName());
        if (intercept != null) {
            Object result = intercept.apply(method, args);
            if (result != PASS) return result;
        }
        Object result;
        try {
            result = method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        if (result == target) return this.proxy;
        return result == null ? null : rules.wrapResult().apply(result);
    }
}
