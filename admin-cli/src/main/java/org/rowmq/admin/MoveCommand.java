package org.rowmq.admin;

import org.rowmq.store.StoreAdmin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

@Command(name = "move", description = "Return dead letters to the destination each came from, delivery count reset,"
        + " in one transaction: all of them, some by id, or those a selector matches.")
final class MoveCommand implements Callable<Integer> {

    @ParentCommand
    RowMQ rowmq;

    @Spec
    CommandSpec spec;

    @Mixin
    Confirmation confirmation;

    @Parameters(index = "0", paramLabel = "DEAD_LETTER_QUEUE", description = "e.g. DLQ")
    String deadLetterQueue;

    @Option(names = "--id", split = ",", description = "only these message ids (comma-separated or repeated)")
    List<Long> ids;

    @Option(names = {"-s", "--selector"}, description = "only messages this JMS message selector matches")
    String selector;

    @Override
    public Integer call() throws Exception {
        var filter = Selection.forChange(selector);
        Output o = new Output(spec.commandLine().getOut(), rowmq.json);
        return rowmq.withAdmin(admin -> {
            long[] chosen = admin.readyIds(deadLetterQueue, filter);
            if (ids != null) {
                Set<Long> wanted = Set.copyOf(ids);
                chosen = Arrays.stream(chosen).filter(wanted::contains).toArray();
                Set<Long> present = Arrays.stream(chosen).boxed().collect(Collectors.toSet());
                List<Long> missing = ids.stream().filter(id -> !present.contains(id)).toList();
                if (!missing.isEmpty())
                    throw new NotFound("no ready message" + (selector == null ? "" : " matching the selector") + " with id "
                            + missing + " in '" + deadLetterQueue + "'; nothing was moved");
            }
            if (chosen.length == 0) {
                o.object(result(0, 0));
                return ExitCodes.OK;
            }
            confirmation.require("Move " + chosen.length + " messages from '" + deadLetterQueue
                    + "' back to where they came from?", spec.commandLine().getErr(), rowmq.in());
            StoreAdmin.Outcome done;
            try (Progress p = new Progress("move " + deadLetterQueue, chosen.length, o.json())) {
                done = admin.returnDeadLetters(deadLetterQueue, chosen, p.counter());
            }
            o.object(result(done.changed(), done.skipped()));
            return ExitCodes.OK;
        });
    }

    private Map<String, Object> result(long moved, long skipped) {
        Map<String, Object> r = Output.row();
        r.put("from", deadLetterQueue);
        r.put("moved", moved);
        // Not dead letters (no origin), claimed meanwhile, or their origin is gone (deleted subscription or temporary queue).
        r.put("skipped", skipped);
        return r;
    }
}
