package org.rowmq.admin;

import org.rowmq.store.DestinationSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "limits", description = "Show a destination's limits, or change those given (the others are kept)."
        + " Every JVM applies a change within 2 seconds.")
final class LimitsCommand implements Callable<Integer> {

    @ParentCommand
    RowMQ rowmq;

    @Spec
    CommandSpec spec;

    @Mixin
    LimitOptions limits;

    @Parameters(index = "0", paramLabel = "DESTINATION")
    String destination;

    @Override
    public Integer call() throws Exception {
        Names.check(destination);
        DestinationSettings result = rowmq.withAdmin(a -> {
            DestinationSettings current = a.settings(destination);
            if (!limits.any()) return current;
            DestinationSettings changed = limits.applyTo(current);
            a.configure(destination, changed);
            return changed;
        });
        new Output(spec.commandLine().getOut(), rowmq.json).object(Settings.of(destination, result));
        return ExitCodes.OK;
    }
}
