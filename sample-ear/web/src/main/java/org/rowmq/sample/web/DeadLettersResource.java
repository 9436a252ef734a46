package org.rowmq.sample.web;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.rowmq.sample.DeadLetters;
import org.rowmq.sample.InvalidRequest;

import java.util.List;
import java.util.Map;

/** The dead-letter queue: list it, and move one message back (POST {"messageId": "ID:..."} to /move-back). */
@Path("dead-letters")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class DeadLettersResource {

    /** The body of POST /api/dead-letters/move-back. */
    public static class MoveBackRequest {
        public String messageId;
    }

    @EJB
    DeadLetters deadLetters;

    @GET
    public List<DeadLetters.DeadLetter> list() {
        return deadLetters.list(100);
    }

    @POST
    @Path("move-back")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, String> moveBack(MoveBackRequest request) {
        if (request == null) {
            throw new InvalidRequest("send a JSON body: {\"messageId\": \"ID:...\"}");
        }
        return Map.of("messageId", request.messageId, "movedTo", deadLetters.moveBack(request.messageId));
    }
}
