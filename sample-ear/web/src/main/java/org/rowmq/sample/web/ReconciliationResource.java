package org.rowmq.sample.web;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.rowmq.sample.Reconciliation;

/** Whether orders, payments, reservations, shipments, stock and the recorded events agree. */
@Path("reconciliation")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ReconciliationResource {

    @EJB
    Reconciliation reconciliation;

    @GET
    public Reconciliation.Report get() {
        return reconciliation.report();
    }
}
