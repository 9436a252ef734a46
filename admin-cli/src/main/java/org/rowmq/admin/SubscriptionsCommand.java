package org.rowmq.admin;

import org.rowmq.store.StoreAdmin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "subscriptions", description = "List topic subscriptions: consumers, backlog, in flight, the age of the"
        + " oldest message, and the last activity: how long ago a consumer attached or detached or messages were"
        + " consumed (recorded every few seconds; '-' when never since RowMQ began recording it).")
final class SubscriptionsCommand implements Callable<Integer> {

    @ParentCommand
    RowMQ rowmq;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Output o = new Output(spec.commandLine().getOut(), rowmq.json);
        o.list(rowmq.withAdmin(StoreAdmin::subscriptions), s -> row(s, o), "No subscriptions.");
        return ExitCodes.OK;
    }

    private static Map<String, Object> row(StoreAdmin.SubscriptionStatus s, Output o) {
        Map<String, Object> r = Output.row();
        r.put("id", s.id());
        r.put("topic", s.topic());
        r.put("name", s.name());
        r.put("clientId", s.clientId().isEmpty() ? null : s.clientId());
        r.put("durable", s.durable());
        r.put("shared", s.shared());
        r.put("consumers", s.consumers());
        r.put("backlog", s.backlog());
        r.put("inFlight", s.inFlight());
        r.put("oldestAge", o.ageValue(s.oldestAgeMillis()));
        r.put("lastActivityAge", o.ageValue(s.lastActivityAgeMillis()));
        r.put("selector", s.selector());
        r.put("queue", s.queue());
        return r;
    }
}
