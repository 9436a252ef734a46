package org.rowmq.admin;

import org.rowmq.store.DestinationSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "create", description = "Create a destination with its limits (the defaults for those not given)."
        + " Refused (exit 4) when it exists.")
final class CreateCommand implements Callable<Integer> {

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
        DestinationSettings settings = limits.applyTo(DestinationSettings.DEFAULTS);
        rowmq.withAdmin(a -> {
            a.create(destination, settings);
            return null;
        });
        new Output(spec.commandLine().getOut(), rowmq.json).object(Settings.of(destination, settings));
        return ExitCodes.OK;
    }
}
