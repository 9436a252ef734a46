package org.rowmq.admin;

import org.rowmq.store.StoreAdmin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "stats", description = "Per destination: ready, in flight, and how fast the backlog grows or drains"
        + " (messages per second between two samples). With --watch, a new sample every interval until stopped;"
        + " with --json, one line of JSON per sample.")
final class StatsCommand implements Callable<Integer> {

    @ParentCommand
    RowMQ rowmq;

    @Spec
    CommandSpec spec;

    @Option(names = {"-w", "--watch"}, description = "keep sampling until interrupted (or --count samples)")
    boolean watch;

    @Option(names = {"-i", "--interval"}, defaultValue = "2", description = "seconds between samples (default ${DEFAULT-VALUE})")
    double interval;

    @Option(names = "--count", description = "stop after this many rate samples")
    Integer count;

    @Override
    public Integer call() throws Exception {
        if (interval <= 0) throw new BadInput("--interval must be positive, was " + interval);
        if (count != null && count < 1) throw new BadInput("--count must be at least 1, was " + count);
        int samples = count != null ? count : watch ? Integer.MAX_VALUE : 1;
        Output o = new Output(spec.commandLine().getOut(), rowmq.json);
        return rowmq.withAdmin(admin -> {
            Map<String, StoreAdmin.DestinationStatus> before = byName(admin.destinations());
            long beforeAt = admin.now();
            for (int i = 0; i < samples; i++) {
                Thread.sleep((long) (interval * 1000));
                Map<String, StoreAdmin.DestinationStatus> after = byName(admin.destinations());
                long afterAt = admin.now();
                List<Map<String, Object>> rows = rates(before, after, Math.max(1, afterAt - beforeAt), o);
                if (o.json()) {
                    Map<String, Object> sample = Output.row();
                    sample.put("at", afterAt);
                    sample.put("destinations", rows);
                    o.jsonLine(sample);
                } else {
                    o.rows(rows, "No destinations.");
                    if (i + 1 < samples) o.note("");
                }
                before = after;
                beforeAt = afterAt;
            }
            return ExitCodes.OK;
        });
    }

    private static Map<String, StoreAdmin.DestinationStatus> byName(List<StoreAdmin.DestinationStatus> list) {
        Map<String, StoreAdmin.DestinationStatus> m = new HashMap<>();
        for (StoreAdmin.DestinationStatus d : list) m.put(d.name(), d);
        return m;
    }

    private static List<Map<String, Object>> rates(Map<String, StoreAdmin.DestinationStatus> before,
                                                   Map<String, StoreAdmin.DestinationStatus> after, long millis, Output o) {
        List<Map<String, Object>> rows = new ArrayList<>();
        after.keySet().stream().sorted().forEach(name -> {
            StoreAdmin.DestinationStatus now = after.get(name);
            StoreAdmin.DestinationStatus then = before.get(name);
            long stored = now.ready() + now.inFlight() + now.scheduled();
            long storedBefore = then == null ? 0 : then.ready() + then.inFlight() + then.scheduled();
            Map<String, Object> r = Output.row();
            r.put("destination", name);
            r.put("ready", now.ready());
            r.put("inFlight", now.inFlight());
            double perSecond = (stored - storedBefore) * 1000.0 / millis;
            r.put("growthPerSecond", o.json() ? (Object) perSecond : String.format("%+.1f", perSecond));
            r.put("oldestReadyAge", o.ageValue(now.oldestReadyAgeMillis()));
            rows.add(r);
        });
        return rows;
    }
}
