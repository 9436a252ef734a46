package org.rowmq.admin;

import org.rowmq.store.StoreAdmin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "purge", description = "Delete a destination's ready messages (scheduled ones included), all or those"
        + " a selector matches, a thousand per transaction. It skips messages in flight (a consumer claimed them: they"
        + " stay with it until it acknowledges or returns them) and messages held by prepared XA branches (settle those"
        + " with 'rowmq xa'); a message a consumer claims while the purge runs is skipped too, and counted as such.")
final class PurgeCommand implements Callable<Integer> {

    @ParentCommand
    RowMQ rowmq;

    @Spec
    CommandSpec spec;

    @Mixin
    Confirmation confirmation;

    @Parameters(index = "0", paramLabel = "DESTINATION")
    String destination;

    @Option(names = {"-s", "--selector"}, description = "only messages this JMS message selector matches")
    String selector;

    @Override
    public Integer call() throws Exception {
        var filter = Selection.forChange(selector);
        Output o = new Output(spec.commandLine().getOut(), rowmq.json);
        return rowmq.withAdmin(admin -> {
            long[] ids = admin.readyIds(destination, filter);
            if (ids.length == 0) {
                o.object(result(0, 0));
                return ExitCodes.OK;
            }
            confirmation.require("Delete " + ids.length + " ready messages of '" + destination + "'"
                    + (selector == null ? "" : " matching " + selector) + "?", spec.commandLine().getErr(), rowmq.in());
            StoreAdmin.Outcome done;
            try (Progress p = new Progress("purge " + destination, ids.length, o.json())) {
                done = admin.purge(destination, ids, p.counter());
            }
            o.object(result(done.changed(), done.skipped()));
            return ExitCodes.OK;
        });
    }

    private Map<String, Object> result(long deleted, long skipped) {
        Map<String, Object> r = Output.row();
        r.put("destination", destination);
        r.put("deleted", deleted);
        r.put("skipped", skipped); // claimed by a consumer between choosing and deleting
        return r;
    }
}
