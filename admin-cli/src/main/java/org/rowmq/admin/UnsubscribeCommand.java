package org.rowmq.admin;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "unsubscribe", description = "Delete a stale durable subscription and its messages. Refused (exit 4)"
        + " while it has an active consumer.")
final class UnsubscribeCommand implements Callable<Integer> {

    @ParentCommand
    RowMQ rowmq;

    @Spec
    CommandSpec spec;

    @Mixin
    Confirmation confirmation;

    @Parameters(index = "0", paramLabel = "NAME", description = "the subscription name")
    String name;

    @Option(names = "--client-id", description = "the client ID it was created under (none for a shared or client-less one)")
    String clientId;

    @Override
    public Integer call() throws Exception {
        if (name.isBlank()) throw new BadInput("the subscription name must not be blank (rowmq subscriptions lists the names)");
        if (clientId != null && clientId.isBlank())
            throw new BadInput("--client-id must not be blank; leave it out for a subscription without a client ID");
        rowmq.withAdmin(a -> {
            confirmation.require("Delete durable subscription '" + name + "'" + (clientId == null ? "" : " of client '"
                    + clientId + "'") + " and its messages?", spec.commandLine().getErr(), rowmq.in());
            a.deleteSubscription(clientId, name);
            return null;
        });
        Map<String, Object> r = Output.row();
        r.put("deleted", name);
        r.put("clientId", clientId);
        new Output(spec.commandLine().getOut(), rowmq.json).object(r);
        return ExitCodes.OK;
    }
}
