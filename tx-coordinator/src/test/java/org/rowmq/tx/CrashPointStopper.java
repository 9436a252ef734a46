package org.rowmq.tx;

import java.util.concurrent.atomic.AtomicInteger;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * For the crash children of the crash tests: wraps each enlisted XAResource, counts the prepares and commits that
 * returned, and at the chosen {@link CrashPoint} announces {@value #MARKER} on stdout and stops inside Narayana's
 * two-phase commit, so that the test can kill the JVM there with SIGKILL.
 */
public final class CrashPointStopper {

    public static final String MARKER = "CRASH-POINT-REACHED";

    private final CrashPoint crashPoint;
    private final AtomicInteger preparesReturned = new AtomicInteger();
    private final AtomicInteger commitsReturned = new AtomicInteger();

    public CrashPointStopper(CrashPoint crashPoint) {
        this.crashPoint = crashPoint;
    }

    /** The resource to enlist instead of {@code resource}. */
    public XAResource wrap(XAResource resource) {
        return new Stopping(resource);
    }

    private void stopIfReached() {
        if (!crashPoint.reached(preparesReturned.get(), commitsReturned.get())) {
            return;
        }
        System.out.println(MARKER + " " + crashPoint);
        System.out.flush();
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException ignored) {
                // Only SIGKILL ends this JVM: nothing may run after the crash point.
            }
        }
    }

    /** Counts the prepares and commits that returned, and stops the JVM's progress at the crash point. */
    private final class Stopping implements XAResource {
        private final XAResource delegate;

        Stopping(XAResource delegate) {
            this.delegate = delegate;
        }

        @Override
        public int prepare(Xid xid) throws XAException {
            int vote = delegate.prepare(xid);
            preparesReturned.incrementAndGet();
            stopIfReached();
            return vote;
        }

        @Override
        public void commit(Xid xid, boolean onePhase) throws XAException {
            delegate.commit(xid, onePhase);
            commitsReturned.incrementAndGet();
            stopIfReached();
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

        @Override
        public boolean isSameRM(XAResource other) throws XAException {
            return other instanceof Stopping stopping ? delegate.isSameRM(stopping.delegate) : delegate.isSameRM(other);
        }

        @Override
        public int getTransactionTimeout() throws XAException {
            return delegate.getTransactionTimeout();
        }

        @Override
        public boolean setTransactionTimeout(int seconds) throws XAException {
            return delegate.setTransactionTimeout(seconds);
        }
    }
}
