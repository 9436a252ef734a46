package org.rowmq.sample.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** The sample's REST API as the page uses it, for tests running outside the server. */
final class SampleApi {

    /** The deployed page, e.g. http://localhost:8180/rowmq-sample/ */
    static final String PAGE = "http://localhost:" + System.getProperty("sample.http.port", "8180") + "/rowmq-sample/";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** A response: status and body. */
    record Reply(int status, String body) {
        JsonObject json() {
            try (JsonReader r = Json.createReader(new StringReader(body))) {
                return r.readObject();
            }
        }
    }

    long placeOrder(String customer, String item, int quantity, String card) {
        Reply r = send("POST", "orders", Json.createObjectBuilder().add("customer", customer).add("item", item)
                .add("quantity", quantity).add("card", card).build().toString());
        if (r.status() != 201) {
            throw new AssertionError("placing an order answered " + r.status() + ": " + r.body());
        }
        return r.json().getJsonNumber("id").longValue();
    }

    Reply placeOrderRaw(String json) {
        return send("POST", "orders", json);
    }

    JsonObject order(long id) {
        return get("orders/" + id).getJsonObject("order");
    }

    String state(long id) {
        return order(id).getString("state");
    }

    /** The events the audit bean recorded for one order, in order. */
    List<String> events(long id) {
        return get("orders/" + id).getJsonArray("events").getValuesAs(JsonObject.class).stream()
                .map(e -> e.getString("eventType")).toList();
    }

    JsonObject reconciliation() {
        return get("reconciliation");
    }

    JsonArray deadLetters() {
        try (JsonReader r = Json.createReader(new StringReader(send("GET", "dead-letters", null).body()))) {
            return r.readArray();
        }
    }

    JsonObject dashboard() {
        return get("dashboard");
    }

    void faults(boolean paymentThrows, boolean databaseRefuses, int inventoryKills) {
        Reply r = send("PUT", "faults", Json.createObjectBuilder().add("paymentThrows", paymentThrows)
                .add("databaseRefuses", databaseRefuses).add("inventoryKills", inventoryKills).build().toString());
        if (r.status() != 200) {
            throw new AssertionError("setting faults answered " + r.status() + ": " + r.body());
        }
    }

    Reply moveBack(String messageId) {
        return send("POST", "dead-letters/move-back",
                Json.createObjectBuilder().add("messageId", messageId).build().toString());
    }

    /** The attempts the page lists for one order and step (newest first). */
    List<JsonObject> attempts(long orderId, String step) {
        return dashboardAttempts().stream()
                .filter(a -> a.getJsonNumber("orderId").longValue() == orderId && a.getString("step").equals(step))
                .toList();
    }

    private List<JsonObject> dashboardAttempts() {
        return dashboard().getJsonArray("attempts").getValuesAs(JsonObject.class);
    }

    /** The dead letter of one order, or null. */
    JsonObject deadLetterOf(long orderId) {
        return deadLetters().getValuesAs(JsonObject.class).stream()
                .filter(d -> d.getJsonNumber("orderId").longValue() == orderId).findFirst().orElse(null);
    }

    JsonObject get(String path) {
        Reply r = send("GET", path, null);
        if (r.status() != 200) {
            throw new AssertionError("GET " + path + " answered " + r.status() + ": " + r.body());
        }
        return r.json();
    }

    Reply send(String method, String path, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(PAGE + "api/" + path)).timeout(Duration.ofSeconds(60));
        if (json == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        try {
            HttpResponse<String> res = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(res.statusCode(), res.body());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Polls until the order is in a final state and returns it (fails after the deadline). */
    String awaitFinal(long id, Duration deadline) {
        return Await.until("order " + id + " reaches a final state", deadline, () -> {
            String s = state(id);
            return isFinal(s) ? s : null;
        });
    }

    /**
     * Polls until the application has no message moving and no order in an intermediate state, and a second report
     * agrees with the first. One settled report is not enough: the report reads its counts one statement at a time, so
     * a delivery committing between two of them leaves it with nothing in motion and a count one short; and the
     * payment bean's XA transaction commits its two branches one after the other.
     */
    JsonObject awaitSettled(Duration deadline) {
        JsonObject[] previous = {null};
        return Await.until("the application settles", deadline, () -> {
            JsonObject r = reconciliation();
            if (!r.getBoolean("settled")) {
                previous[0] = null;
                return null;
            }
            boolean confirmed = r.equals(previous[0]);
            previous[0] = r;
            return confirmed ? r : null;
        });
    }

    static boolean isFinal(String state) {
        return state.equals("SHIPPED") || state.equals("PAYMENT_FAILED") || state.equals("CANCELLED");
    }

    static List<String> problems(JsonObject reconciliation) {
        return reconciliation.getJsonArray("problems").getValuesAs(JsonValue.class).stream()
                .map(v -> ((jakarta.json.JsonString) v).getString()).toList();
    }
}
