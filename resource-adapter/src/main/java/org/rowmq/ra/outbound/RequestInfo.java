package org.rowmq.ra.outbound;

import jakarta.resource.spi.ConnectionRequestInfo;

/**
 * What a handle request asks for: a classic-API connection, or a JMSContext with a session mode, and the RowMQ user
 * the application gave (null: the provider factory's default credentials). Managed connections are matched by kind
 * and user, after the password is checked again: the session mode is the handle's business.
 */
record RequestInfo(Kind kind, int sessionMode, String user, String password) implements ConnectionRequestInfo {
    enum Kind { CONNECTION, CONTEXT }

    static final RequestInfo CONNECTION = new RequestInfo(Kind.CONNECTION, 0, null, null);

    static RequestInfo connection(String user, String password) {
        return new RequestInfo(Kind.CONNECTION, 0, user, password);
    }

    static RequestInfo context(int sessionMode) {
        return context(sessionMode, null, null);
    }

    static RequestInfo context(int sessionMode, String user, String password) {
        return new RequestInfo(Kind.CONTEXT, sessionMode, user, password);
    }

    /** The same request as the RowMQ user of a container-managed sign-on. */
    RequestInfo withCredentials(String user, String password) {
        return new RequestInfo(kind, sessionMode, user, password);
    }

    @Override
    public String toString() {
        // Never the password: request infos appear in the server's pool diagnostics.
        return "RequestInfo[" + kind + ", sessionMode=" + sessionMode + ", user=" + user + "]";
    }
}
