package org.rowmq.xa;

import org.junit.jupiter.api.function.Executable;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Assertions on XA error codes, with the codes' names in the failure message. */
final class XAAssertions {

    private XAAssertions() {
    }

    static XAException assertXA(int expectedCode, Executable call) {
        XAException e = assertThrows(XAException.class, call);
        assertEquals(XAErrors.name(expectedCode), XAErrors.name(e.errorCode), "XA code; message: " + e.getMessage());
        return e;
    }

    static boolean listed(XAResource resource, Xid xid) throws XAException {
        TestXid wanted = new TestXid(xid.getFormatId(), xid.getGlobalTransactionId(), xid.getBranchQualifier());
        Xid[] prepared = resource.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN);
        return Arrays.stream(prepared).anyMatch(wanted::sameAs);
    }
}
