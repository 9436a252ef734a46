package org.rowmq.ra.crash;

import jakarta.annotation.Resource;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.XAJMSContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.transaction.TransactionManager;
import org.rowmq.client.RowXAConnectionFactory;
import org.rowmq.ra.it.Orders;

import javax.sql.DataSource;
import javax.transaction.xa.XAResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;

/**
 * The crash test's application (business rows in MariaDB through the XA datasource CrashXA). {@code op=commit&id=..}: one transaction with a blocking participant first, a row in
 * the XA datasource and a RowMQ message; it never returns (the test kills the server in its commit). {@code
 * op=check&id=..}: "row message prepared" = whether the row exists, how many messages carry the id, and how many RowMQ
 * branches are still prepared in the store.
 */
@WebServlet("/crash")
public class CrashServlet extends HttpServlet {
    static final String QUEUE = "it.crash";

    @Resource(lookup = "java:/jms/rowmq")
    ConnectionFactory cf;

    @Resource(lookup = "java:/jdbc/CrashXA")
    DataSource orders;

    @Resource(lookup = "java:/TransactionManager")
    TransactionManager tm;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String id = req.getParameter("id");
        try {
            Orders.createTable(orders);
            if ("commit".equals(req.getParameter("op"))) {
                Path markers = Path.of(System.getProperty("jboss.server.data.dir"), "crash-markers");
                Files.createDirectories(markers);
                tm.begin();
                tm.getTransaction().enlistResource(new BlockingXAResource(markers.resolve(id)));
                Orders.insert(orders, id);
                try (JMSContext ctx = cf.createContext()) {
                    ctx.createProducer().send(ctx.createQueue(QUEUE), id);
                }
                tm.commit();
                resp.getWriter().print("committed");
            } else {
                resp.getWriter().print(Orders.exists(orders, id) + " " + messages(id) + " " + preparedBranches());
            }
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    private int messages(String id) throws Exception {
        int n = 0;
        try (JMSContext ctx = cf.createContext()) {
            QueueBrowser browser = ctx.createBrowser((Queue) ctx.createQueue(QUEUE));
            for (Object o : Collections.list(browser.getEnumeration()))
                if (id.equals(((Message) o).getBody(String.class))) n++;
        }
        return n;
    }

    /** RowMQ's recover() lists every prepared branch of the store (rowmq_xa_branch), whichever server prepared it. */
    private int preparedBranches() throws Exception {
        String url = "jdbc:h2:file:" + System.getProperty("jboss.server.data.dir") + "/rowmq/rowmq;WRITE_DELAY=0";
        try (RowXAConnectionFactory store = new RowXAConnectionFactory(url, "sa", "sa")) {
            store.setLease(Duration.ofSeconds(2), Duration.ofSeconds(10)); // the adapter's: the same store is shared
            XAJMSContext ctx = store.createXAContext();
            try {
                return ctx.getXAResource().recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN).length;
            } finally {
                ctx.close();
            }
        }
    }
}
