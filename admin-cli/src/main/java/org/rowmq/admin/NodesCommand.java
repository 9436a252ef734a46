package org.rowmq.admin;

import org.rowmq.store.StoreAdmin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "nodes", description = "List the JVMs using the database: heartbeat age, lease, life token, whether"
        + " alive, and the messages each holds in flight. A dead node's messages return when another node reaps it.")
final class NodesCommand implements Callable<Integer> {

    @ParentCommand
    RowMQ rowmq;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Output o = new Output(spec.commandLine().getOut(), rowmq.json);
        o.list(rowmq.withAdmin(StoreAdmin::nodes), n -> row(n, o), "No nodes are registered.");
        return ExitCodes.OK;
    }

    private static Map<String, Object> row(StoreAdmin.NodeStatus n, Output o) {
        Map<String, Object> r = Output.row();
        r.put("node", n.id());
        r.put("alive", n.alive());
        r.put("heartbeatAge", o.ageValue(n.heartbeatAgeMillis()));
        r.put("lease", o.ageValue(n.leaseMillis()));
        r.put("lifeToken", n.lifeToken());
        r.put("inFlight", n.inFlight());
        r.put("started", o.json() ? n.startedAt() : Instant.ofEpochMilli(n.startedAt()).toString());
        return r;
    }
}
