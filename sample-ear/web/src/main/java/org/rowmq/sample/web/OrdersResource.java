package org.rowmq.sample.web;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.rowmq.sample.AuditTrail;
import org.rowmq.sample.InvalidRequest;
import org.rowmq.sample.Order;
import org.rowmq.sample.OrderService;
import org.rowmq.sample.Orders;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** Place orders and read them back. */
@Path("orders")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class OrdersResource {

    /** The body of POST /api/orders. */
    public static class OrderRequest {
        public String customer;
        public String item;
        public int quantity;
        public String card;
    }

    /** One order with the events the audit bean recorded for it. */
    public record OrderDetail(Order order, List<AuditTrail.Entry> events) {
    }

    static final int MAX_LIMIT = 500;

    @EJB
    OrderService service;

    @EJB
    Orders orders;

    @EJB
    AuditTrail audit;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response place(OrderRequest request) {
        if (request == null) {
            throw new InvalidRequest("send a JSON body: {\"customer\": ..., \"item\": ..., \"quantity\": ..., \"card\": ...}");
        }
        long id = service.place(request.customer, request.item, request.quantity, request.card);
        return Response.created(URI.create("orders/" + id)).entity(Map.of("id", id)).build();
    }

    @GET
    public List<Order> recent(@QueryParam("limit") @DefaultValue("50") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidRequest("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
        return orders.recent(limit);
    }

    @GET
    @Path("{id}")
    public OrderDetail one(@PathParam("id") long id) {
        Order order = orders.find(id).orElseThrow(() -> new NotFoundException("no order " + id));
        return new OrderDetail(order, audit.forOrder(id));
    }
}
