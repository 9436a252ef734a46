package org.rowmq.xa;

import org.rowmq.store.BranchException;

import javax.transaction.xa.XAException;

/** XAExceptions with the code the XA specification prescribes and a message that says why. */
final class XAErrors {

    private XAErrors() {
    }

    static XAException of(int code, String message) {
        XAException e = new XAException(message + " [" + name(code) + "]");
        e.errorCode = code;
        return e;
    }

    static XAException of(int code, String message, Throwable cause) {
        XAException e = of(code, message);
        e.initCause(cause);
        return e;
    }

    /** The code for a branch the store could not write: XA_RB* when it rolled back, XAER_RMFAIL when unknown. */
    static int code(BranchException.Reason reason) {
        return switch (reason) {
            case RECEIVED_MESSAGE_LOST -> XAException.XA_RBINTEGRITY;
            case DUPLICATE_XID -> XAException.XA_RBPROTO;
            case SEND_REFUSED -> XAException.XA_RBROLLBACK;
            case DATABASE_FAILURE -> XAException.XA_RBCOMMFAIL;
            case OUTCOME_UNKNOWN -> XAException.XAER_RMFAIL;
        };
    }

    static String name(int code) {
        return switch (code) {
            case XAException.XA_RBROLLBACK -> "XA_RBROLLBACK";
            case XAException.XA_RBCOMMFAIL -> "XA_RBCOMMFAIL";
            case XAException.XA_RBDEADLOCK -> "XA_RBDEADLOCK";
            case XAException.XA_RBINTEGRITY -> "XA_RBINTEGRITY";
            case XAException.XA_RBOTHER -> "XA_RBOTHER";
            case XAException.XA_RBPROTO -> "XA_RBPROTO";
            case XAException.XA_RBTIMEOUT -> "XA_RBTIMEOUT";
            case XAException.XA_RBTRANSIENT -> "XA_RBTRANSIENT";
            case XAException.XA_HEURHAZ -> "XA_HEURHAZ";
            case XAException.XA_HEURCOM -> "XA_HEURCOM";
            case XAException.XA_HEURRB -> "XA_HEURRB";
            case XAException.XA_HEURMIX -> "XA_HEURMIX";
            case XAException.XAER_ASYNC -> "XAER_ASYNC";
            case XAException.XAER_RMERR -> "XAER_RMERR";
            case XAException.XAER_NOTA -> "XAER_NOTA";
            case XAException.XAER_INVAL -> "XAER_INVAL";
            case XAException.XAER_PROTO -> "XAER_PROTO";
            case XAException.XAER_RMFAIL -> "XAER_RMFAIL";
            case XAException.XAER_DUPID -> "XAER_DUPID";
            case XAException.XAER_OUTSIDE -> "XAER_OUTSIDE";
            default -> "XA code " + code;
        };
    }
}
