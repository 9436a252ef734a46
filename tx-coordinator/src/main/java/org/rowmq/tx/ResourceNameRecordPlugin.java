package org.rowmq.tx;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.transaction.xa.XAResource;

import com.arjuna.ats.internal.jta.resources.arjunacore.XAResourceRecord;
import com.arjuna.ats.internal.jta.resources.arjunacore.XAResourceRecordWrappingPlugin;

import org.jboss.tm.XAResourceWrapper;

/**
 * Copies the resource name of a {@link NamedXAResource} (any {@link XAResourceWrapper}) into Narayana's log record,
 * which is what lets recovery match logged branches to registered resources.
 *
 * <p>Narayana also asks for a number per resource ("EIS name") that it packs into each branch Xid. It serves only
 * to show which resource a foreign Xid belongs to, so a stable hash of the name does: it needs no store of its own
 * and is the same in every process that registers the name.
 */
final class ResourceNameRecordPlugin implements XAResourceRecordWrappingPlugin {

    /** Narayana reserves 0 for "unknown" and -1 for "foreign". */
    private static final int UNKNOWN = 0;

    private final Map<Integer, String> namesByKey = new ConcurrentHashMap<>();

    @Override
    public void transcribeWrapperData(XAResourceRecord record) {
        if (record.value() instanceof XAResourceWrapper wrapper) {
            record.setJndiName(wrapper.getJndiName());
            record.setProductName(wrapper.getProductName());
            record.setProductVersion(wrapper.getProductVersion());
        }
    }

    @Override
    public Integer getEISName(XAResource xaResource) {
        if (!(xaResource instanceof XAResourceWrapper wrapper)) {
            return UNKNOWN;
        }
        String name = wrapper.getJndiName();
        int key = (name.hashCode() & 0x7fffffff) | 1;
        namesByKey.putIfAbsent(key, name);
        return key;
    }

    @Override
    public String getEISName(Integer key) {
        if (key == null || key == UNKNOWN) {
            return "unknown eis name";
        }
        if (key == -1) {
            return "foreign XID";
        }
        return namesByKey.getOrDefault(key, "resource with key " + key);
    }
}
