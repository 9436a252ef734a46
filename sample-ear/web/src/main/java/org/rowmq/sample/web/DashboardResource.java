package org.rowmq.sample.web;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.rowmq.sample.Attempts;
import org.rowmq.sample.Catalogue;
import org.rowmq.sample.DeadLetters;
import org.rowmq.sample.Faults;
import org.rowmq.sample.Order;
import org.rowmq.sample.Orders;
import org.rowmq.sample.QueueStats;
import org.rowmq.sample.Reconciliation;

import java.util.List;

/** Everything the page shows, in one request, so one refresh is one consistent-enough picture. */
@Path("dashboard")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class DashboardResource {

    /** What the page draws. */
    public record Dashboard(List<Order> orders, List<QueueStats.Depth> queues, List<DeadLetters.DeadLetter> deadLetters,
                            List<Attempts.Attempt> attempts, List<Catalogue.Item> catalogue, Faults.Settings faults,
                            Reconciliation.Report reconciliation) {
    }

    @EJB
    Orders orders;

    @EJB
    QueueStats queues;

    @EJB
    DeadLetters deadLetters;

    @EJB
    Attempts attempts;

    @EJB
    Catalogue catalogue;

    @EJB
    Faults faults;

    @EJB
    Reconciliation reconciliation;

    @GET
    public Dashboard get() {
        return new Dashboard(orders.recent(25), queues.depths(), deadLetters.list(20), attempts.recent(25),
                catalogue.items(), faults.settings(), reconciliation.report());
    }
}
