package org.rowmq.store;

import jakarta.jms.JMSException;

import java.util.Collection;
import java.util.List;

/**
 * The durable side of XA: a branch's work is written at prepare, tagged with its Xid, and settled by commit or
 * rollback from any JVM, so a prepared branch survives the death of every process. Nothing here relies on the
 * database's own XA. Work of a branch that is not prepared yet lives in memory (org.rowmq.xa) and never reaches these
 * methods except through {@link #commitOnePhase}.
 *
 * <p>Message states on the queue row: 0 ready, 1 in flight, 2 sent in a prepared branch (held, not claimable),
 * 3 received in a prepared branch (held; the node reaper leaves it alone). Rows in states 2 and 3 carry the branch.
 */
public interface XABranchStore {

    /**
     * Prepares a branch in one database transaction: the sends are stored held, the received messages (in flight for
     * this node) are moved to the prepared-ack state, and the branch row is written.
     *
     * @throws BranchException for each reason it names; a plain JMSException does not occur
     */
    void prepare(BranchId branch, List<OutgoingMessage> sends, Collection<Long> receivedIds) throws JMSException;

    /**
     * Writes a branch's work at once, as a transacted session's commit does, with no branch row.
     *
     * @throws BranchException for each reason it names except DUPLICATE_XID
     */
    void commitOnePhase(List<OutgoingMessage> sends, Collection<Long> receivedIds) throws JMSException;

    /**
     * Commits a prepared branch: its sends become ready (consumers are told), its received messages are deleted.
     * Returns false when no branch with this Xid is prepared. A JMSException means nothing changed, or the outcome of
     * the database commit is unknown; calling again is safe either way.
     */
    boolean commit(BranchId branch) throws JMSException;

    /**
     * Rolls back a prepared branch: its sends are deleted, its received messages return to ready with the delivery
     * count raised (the dead-letter rule applies). Returns false when no branch with this Xid is prepared. Failures as
     * for {@link #commit}.
     */
    boolean rollback(BranchId branch) throws JMSException;

    /** Every prepared branch in the database, whichever JVM prepared it. */
    List<BranchId> prepared() throws JMSException;

    /** Whether a branch with this Xid is prepared in the database. */
    boolean isPrepared(BranchId branch) throws JMSException;
}
