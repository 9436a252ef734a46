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
import java.util.TreeSet;
import java.util.concurrent.Callable;

@Command(name = "stats", description = "Per destination and in total: messages sent and consumed (acknowledged) per"
        + " second, ready, in flight, how fast the backlog grows or drains, and the age of the oldest ready message,"
        + " between two samples. Send and consume counts come from what each running JVM publishes every second, so a"
        + " rate is as fresh as that; temporary queues and subscriptions are counted under (temporary) and"
        + " (subscriptions). With --watch, a new sample every interval until stopped; with --json, one line of JSON"
        + " per sample.")
final class StatsCommand implements Callable<Integer> {

    static final String TOTAL = "(total)";

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

    /** What one reading of the database holds: depths per destination, and every node's cumulative traffic. */
    private record Reading(long at, Map<String, StoreAdmin.DestinationStatus> depths,
                           Map<String, StoreAdmin.TrafficCount> traffic) {

        static Reading of(StoreAdmin admin) throws Exception {
            Map<String, StoreAdmin.DestinationStatus> depths = new HashMap<>();
            for (StoreAdmin.DestinationStatus d : admin.destinations()) depths.put(d.name(), d);
            Map<String, StoreAdmin.TrafficCount> traffic = new HashMap<>();
            for (StoreAdmin.TrafficCount t : admin.traffic()) traffic.put(t.node() + '\n' + t.destination(), t);
            return new Reading(admin.now(), depths, traffic);
        }
    }

    @Override
    public Integer call() throws Exception {
        if (interval <= 0) throw new BadInput("--interval must be positive, was " + interval);
        if (count != null && count < 1) throw new BadInput("--count must be at least 1, was " + count);
        int samples = count != null ? count : watch ? Integer.MAX_VALUE : 1;
        Output o = new Output(spec.commandLine().getOut(), rowmq.json);
        return rowmq.withAdmin(admin -> {
            Reading before = Reading.of(admin);
            for (int i = 0; i < samples; i++) {
                Thread.sleep((long) (interval * 1000));
                Reading after = Reading.of(admin);
                List<Map<String, Object>> rows = rates(before, after, o);
                if (o.json()) {
                    Map<String, Object> sample = Output.row();
                    sample.put("at", after.at());
                    sample.put("destinations", rows.subList(0, rows.size() - 1));
                    sample.put("total", rows.get(rows.size() - 1));
                    o.jsonLine(sample);
                } else {
                    o.rows(rows, "No destinations.");
                    if (i + 1 < samples) o.note("");
                }
                before = after;
            }
            return ExitCodes.OK;
        });
    }

    /** One row per destination seen in either reading (sorted), then the total. */
    private static List<Map<String, Object>> rates(Reading before, Reading after, Output o) {
        double seconds = Math.max(1, after.at() - before.at()) / 1000.0;
        Map<String, long[]> traffic = trafficBetween(before, after);
        TreeSet<String> names = new TreeSet<>(after.depths().keySet());
        names.addAll(traffic.keySet());
        List<Map<String, Object>> rows = new ArrayList<>();
        long[] total = new long[5]; // sent, consumed, ready, in flight, growth
        for (String name : names) {
            StoreAdmin.DestinationStatus now = after.depths().get(name);
            StoreAdmin.DestinationStatus then = before.depths().get(name);
            long[] moved = traffic.getOrDefault(name, new long[2]);
            long growth = stored(now) - stored(then);
            rows.add(row(name, moved[0], moved[1], now == null ? 0 : now.ready(), now == null ? 0 : now.inFlight(),
                    growth, seconds, now == null ? -1 : now.oldestReadyAgeMillis(), o));
            total[0] += moved[0];
            total[1] += moved[1];
            total[2] += now == null ? 0 : now.ready();
            total[3] += now == null ? 0 : now.inFlight();
            total[4] += growth;
        }
        rows.add(row(TOTAL, total[0], total[1], total[2], total[3], total[4], seconds, -1, o));
        return rows;
    }

    private static long stored(StoreAdmin.DestinationStatus d) {
        return d == null ? 0 : d.ready() + d.inFlight() + d.scheduled();
    }

    /**
     * Messages sent and acknowledged per destination between the readings, summed over the nodes. A node that appeared
     * meanwhile counts from zero; one that left (its counts deleted) adds nothing.
     */
    private static Map<String, long[]> trafficBetween(Reading before, Reading after) {
        Map<String, long[]> moved = new HashMap<>();
        after.traffic().forEach((key, now) -> {
            StoreAdmin.TrafficCount then = before.traffic().get(key);
            long[] m = moved.computeIfAbsent(now.destination(), d -> new long[2]);
            m[0] += Math.max(0, now.sent() - (then == null ? 0 : then.sent()));
            m[1] += Math.max(0, now.acknowledged() - (then == null ? 0 : then.acknowledged()));
        });
        return moved;
    }

    private static Map<String, Object> row(String name, long sent, long consumed, long ready, long inFlight,
                                           long growth, double seconds, long oldestReadyAgeMillis, Output o) {
        Map<String, Object> r = Output.row();
        r.put("destination", name);
        r.put("sentPerSecond", rate(sent / seconds, o));
        r.put("consumedPerSecond", rate(consumed / seconds, o));
        if (o.json()) {
            r.put("sent", sent);
            r.put("consumed", consumed);
        }
        r.put("ready", ready);
        r.put("inFlight", inFlight);
        r.put("growthPerSecond", o.json() ? (Object) (growth / seconds) : String.format("%+.1f", growth / seconds));
        r.put("oldestReadyAge", o.ageValue(oldestReadyAgeMillis));
        return r;
    }

    private static Object rate(double perSecond, Output o) {
        return o.json() ? (Object) perSecond : String.format("%.1f", perSecond);
    }
}
