package org.rowmq.process;

import jakarta.jms.JMSContext;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.testsupport.ParentLink;

/**
 * A child JVM that opens the embedded H2 store with AUTO_SERVER, as the default does, so that it is the JVM that
 * starts H2's TCP server; holds it open until told to stop. Args: the JDBC URL.
 */
public final class EmbeddedStoreMain {
    private EmbeddedStoreMain() {
    }

    public static void main(String[] args) throws Exception {
        ParentLink parent = ParentLink.listen();
        try (RowConnectionFactory factory = new RowConnectionFactory(args[0]);
             JMSContext context = factory.createContext()) {
            context.createQueue("embedded.ready");
            ParentLink.ready(factory);
            parent.awaitStop();
        }
    }
}
