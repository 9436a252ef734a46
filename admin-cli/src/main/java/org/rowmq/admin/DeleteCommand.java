package org.rowmq.admin;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "delete", description = "Delete a destination: its settings and every message in it, in one transaction.")
final class DeleteCommand implements Callable<Integer> {

    @ParentCommand
    RowMQ rowmq;

    @Spec
    CommandSpec spec;

    @Mixin
    Confirmation confirmation;

    @Parameters(index = "0", paramLabel = "DESTINATION")
    String destination;

    @Override
    public Integer call() throws Exception {
        Names.check(destination);
        long deleted = rowmq.withAdmin(a -> {
            confirmation.require("Delete destination '" + destination + "' and all its messages?",
                    spec.commandLine().getErr(), rowmq.in());
            return a.delete(destination);
        });
        Map<String, Object> r = Output.row();
        r.put("destination", destination);
        r.put("deletedMessages", deleted);
        new Output(spec.commandLine().getOut(), rowmq.json).object(r);
        return ExitCodes.OK;
    }
}
