package org.rowmq.ra.outbound;

import jakarta.resource.spi.ConnectionRequestInfo;

/**
 * What a handle request asks for: a classic-API connection, or a JMSContext with a session mode. Managed connections
 * are matched by kind only: the session mode is the handle's business.
 */
record RequestInfo(Kind kind, int sessionMode) implements ConnectionRequestInfo {
    enum Kind { CONNECTION, CONTEXT }

    static final RequestInfo CONNECTION = new RequestInfo(Kind.CONNECTION, 0);

    static RequestInfo context(int sessionMode) {
        return new RequestInfo(Kind.CONTEXT, sessionMode);
    }
}
