package org.rowmq.sample.web;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.rowmq.sample.Faults;
import org.rowmq.sample.InvalidRequest;

/** Switch the injected failures on and off: PUT {"paymentThrows": true, "databaseRefuses": false, "inventoryKills": 1}. */
@Path("faults")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class FaultsResource {

    /** The body of PUT /api/faults. */
    public static class FaultsRequest {
        public boolean paymentThrows;
        public boolean databaseRefuses;
        public int inventoryKills;
    }

    @EJB
    Faults faults;

    @GET
    public Faults.Settings get() {
        return faults.settings();
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Faults.Settings put(FaultsRequest request) {
        if (request == null) {
            throw new InvalidRequest("send a JSON body: {\"paymentThrows\": false, \"databaseRefuses\": false,"
                    + " \"inventoryKills\": 0}");
        }
        faults.change(new Faults.Settings(request.paymentThrows, request.databaseRefuses, request.inventoryKills));
        return faults.settings();
    }
}
