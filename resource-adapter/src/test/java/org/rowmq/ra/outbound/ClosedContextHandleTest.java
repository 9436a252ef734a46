package org.rowmq.ra.outbound;

import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rowmq.client.RowXAConnectionFactory;
import org.rowmq.ra.RowResourceAdapter;

import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Jakarta Messaging 3.1, JMSContext.close: once closed, a context's methods (other than close) throw
 * IllegalStateRuntimeException. Inside a transaction a handle shares the pooled managed connection's XA context, which
 * stays open for the next handle; the closed handle must refuse all the same.
 */
class ClosedContextHandleTest {
    private RowXAConnectionFactory factory;
    private RowManagedConnection mc;
    private XAResource xa;
    private Xid xid;

    @BeforeEach
    void openManagedConnectionInABranch() throws Exception {
        factory = new RowXAConnectionFactory("jdbc:h2:mem:closed-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        RowManagedConnectionFactory mcf = new RowManagedConnectionFactory();
        mcf.setResourceAdapter(new RowResourceAdapter());
        mc = new RowManagedConnection(mcf, factory, RequestInfo.context(JMSContext.AUTO_ACKNOWLEDGE));
        xa = mc.getXAResource();
        xid = new TestXid(UUID.randomUUID().toString());
        xa.start(xid, XAResource.TMNOFLAGS);
    }

    @AfterEach
    void close() throws Exception {
        xa.end(xid, XAResource.TMSUCCESS);
        xa.rollback(xid);
        mc.destroy();
        factory.close();
    }

    private JMSContext handle() throws Exception {
        return (JMSContext) mc.getConnection(null, RequestInfo.context(JMSContext.AUTO_ACKNOWLEDGE));
    }

    @Test
    void aClosedHandleOnTheSharedTransactionContextRefusesEveryCall() throws Exception {
        assertTrue(mc.inManagedTransaction(), "the handle must share the managed connection's XA context");
        JMSContext ctx = handle();
        ctx.close();
        assertThrows(IllegalStateRuntimeException.class, ctx::createProducer);
        assertThrows(IllegalStateRuntimeException.class, () -> ctx.createQueue("q"));
        assertThrows(IllegalStateRuntimeException.class, () -> ctx.createTextMessage("x"));
        assertThrows(IllegalStateRuntimeException.class, ctx::getSessionMode);
        assertDoesNotThrow(ctx::close, "closing a closed context does nothing");
    }

    @Test
    void theNextHandleOfTheSameManagedConnectionStillWorks() throws Exception {
        JMSContext first = handle();
        first.close();
        JMSContext second = handle();
        assertDoesNotThrow(() -> second.createProducer().send(second.createQueue("q"), "still usable"));
        second.close();
    }

    @Test
    void aClosedHandleOwningItsContextRefusesEveryCall() throws Exception {
        xa.end(xid, XAResource.TMSUCCESS);
        JMSContext ctx = handle();
        ctx.close();
        assertThrows(IllegalStateRuntimeException.class, ctx::createProducer);
        xa.start(xid, XAResource.TMJOIN);
    }

    private record TestXid(String gtrid) implements Xid {
        @Override
        public int getFormatId() {
            return 0x52_4d_51;
        }

        @Override
        public byte[] getGlobalTransactionId() {
            return gtrid.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public byte[] getBranchQualifier() {
            return new byte[]{1};
        }
    }
}
