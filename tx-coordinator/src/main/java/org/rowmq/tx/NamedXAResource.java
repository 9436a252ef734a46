package org.rowmq.tx;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

import org.jboss.tm.XAResourceWrapper;

/**
 * An enlisted or recovered XAResource carrying the name its resource manager was registered under. Narayana writes
 * the name into the transaction log (through {@link ResourceNameRecordPlugin}) and matches a logged branch to the
 * recovered resource with the same name; without a name it cannot tell that a branch missing from every
 * {@code recover()} list was already committed, and keeps the log forever.
 */
final class NamedXAResource implements XAResourceWrapper {

    private final String resourceName;
    private final XAResource delegate;

    NamedXAResource(String resourceName, XAResource delegate) {
        this.resourceName = resourceName;
        this.delegate = delegate;
    }

    @Override
    public XAResource getResource() {
        return delegate;
    }

    @Override
    public String getJndiName() {
        return resourceName;
    }

    /** Diagnostics only: which driver or provider stands behind the name. */
    @Override
    public String getProductName() {
        return delegate.getClass().getName();
    }

    @Override
    public String getProductVersion() {
        String version = delegate.getClass().getPackage().getImplementationVersion();
        return version == null ? "unknown" : version;
    }

    @Override
    public void start(Xid xid, int flags) throws XAException {
        delegate.start(xid, flags);
    }

    @Override
    public void end(Xid xid, int flags) throws XAException {
        delegate.end(xid, flags);
    }

    @Override
    public int prepare(Xid xid) throws XAException {
        return delegate.prepare(xid);
    }

    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
        delegate.commit(xid, onePhase);
    }

    @Override
    public void rollback(Xid xid) throws XAException {
        delegate.rollback(xid);
    }

    @Override
    public void forget(Xid xid) throws XAException {
        delegate.forget(xid);
    }

    @Override
    public Xid[] recover(int flag) throws XAException {
        return delegate.recover(flag);
    }

    /** Compares the resource managers behind the names, so two branches of one manager are joined as XA intends. */
    @Override
    public boolean isSameRM(XAResource other) throws XAException {
        XAResource unwrapped = other instanceof NamedXAResource named ? named.delegate : other;
        return delegate.isSameRM(unwrapped);
    }

    @Override
    public int getTransactionTimeout() throws XAException {
        return delegate.getTransactionTimeout();
    }

    @Override
    public boolean setTransactionTimeout(int seconds) throws XAException {
        return delegate.setTransactionTimeout(seconds);
    }

    @Override
    public String toString() {
        return "NamedXAResource[" + resourceName + ", " + delegate + "]";
    }
}
