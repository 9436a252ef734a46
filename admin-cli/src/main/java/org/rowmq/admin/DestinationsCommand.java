package org.rowmq.admin;

import org.rowmq.store.StoreAdmin;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "destinations", aliases = "ls", description = "List queues (dead-letter queues included): ready, in flight,"
        + " scheduled, held in XA branches, dead-lettered from it, and the age of the oldest ready message.")
final class DestinationsCommand implements Callable<Integer> {

    @ParentCommand
    RowMQ rowmq;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Output o = new Output(spec.commandLine().getOut(), rowmq.json);
        o.list(rowmq.withAdmin(StoreAdmin::destinations), d -> row(d, o), "No destinations hold messages or carry settings.");
        return ExitCodes.OK;
    }

    private static Map<String, Object> row(StoreAdmin.DestinationStatus d, Output o) {
        Map<String, Object> r = Output.row();
        r.put("destination", d.name());
        r.put("ready", d.ready());
        r.put("inFlight", d.inFlight());
        r.put("scheduled", d.scheduled());
        r.put("heldXa", d.held());
        r.put("deadLettered", d.deadLettered());
        r.put("oldestReadyAge", o.ageValue(d.oldestReadyAgeMillis()));
        r.put("configured", d.configured());
        return r;
    }
}
