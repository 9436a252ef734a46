package org.rowmq.benchmarks;

import jakarta.jms.Connection;
import jakarta.jms.Destination;
import jakarta.jms.Session;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.rowmq.client.RowConnectionFactory;

/**
 * The producers of a run in a JVM of their own (RowMQ only: two JVMs sharing nothing but the database). The
 * benchmark's JVM keeps the consumers and the ledger; over this process's standard input it reports how many messages
 * arrived (for the closed loop) and finally says "stop"; this process answers with how many messages each producer
 * sent durably.
 *
 * <p>Arguments: JDBC URL, user, password, workload id (its producers, transaction, body size and whether it sends to a
 * queue or a topic), the queue's or topic's name, backlog, run number. The received count the benchmark's JVM reports
 * is in messages sent (on a topic, the subscribers' copies divided by their number), so the backlog limits the same
 * thing as in one JVM.
 */
public final class ProducerJvm {
    private static volatile long received;

    private ProducerJvm() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0], user = args[1], password = args[2];
        Workload workload = Workload.byId(args[3]);
        String name = args[4];
        int producers = workload.producers();
        long backlog = Long.parseLong(args[5]);
        int run = Integer.parseInt(args[6]);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (RowConnectionFactory factory = new RowConnectionFactory(url, user.isEmpty() ? null : user,
                password.isEmpty() ? null : password)) {
            Destination destination;
            try (Connection c = factory.createConnection()) {
                destination = workload.destination(c.createSession(false, Session.AUTO_ACKNOWLEDGE), name);
            }
            LongAdder sending = new LongAdder();
            AtomicLongArray sent = new AtomicLongArray(producers);
            Producer.Flow flow = new Producer.Flow() {
                @Override
                public long outstanding() {
                    return sending.sum() - received;
                }

                @Override
                public void sending() {
                    sending.increment();
                }

                @Override
                public void sent(int producer, long count) {
                    sent.set(producer, count);
                }
            };
            Failure failure = new Failure();
            List<Producer> all = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < producers; i++) {
                Producer p = new Producer(factory, destination, new Producer.Plan(i, producers,
                        workload.transaction(), workload.bodyBytes(), run, backlog, 0, 0), flow, failure);
                all.add(p);
                Thread t = new Thread(p, "producer-" + i);
                threads.add(t);
            }
            threads.forEach(Thread::start);
            out.println("ready");
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null && !line.equals("stop")) {
                if (line.startsWith("r ")) received = Long.parseLong(line.substring(2));
            }
            all.forEach(Producer::stop);
            for (Thread t : threads) t.join();
            failure.throwIfHappened();
            for (int i = 0; i < producers; i++) out.println("sent " + i + " " + sent.get(i));
            out.println("done");
        }
    }

    /** Starts the producer JVM with this JVM's class path and feeds it the received count every few milliseconds. */
    static final class Launcher implements LoadRun.RemoteLauncher {
        @Override
        public LoadRun.RemoteProducers start(Broker broker, Workload workload, String destination,
                                             LoadRun.Settings settings, int run, Ledger ledger) throws Exception {
            if (!(broker instanceof RowMqBroker rowmq))
                throw new IllegalArgumentException("only RowMQ runs producers in another JVM");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(java, "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp",
                    System.getProperty("java.class.path"), ProducerJvm.class.getName(), rowmq.url(), nonNull(rowmq.database() == null ? null
                    : rowmq.database().user()), nonNull(rowmq.database() == null ? null
                    : rowmq.database().password()), workload.id(), destination, String.valueOf(settings.backlog()),
                    String.valueOf(run))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader from = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            Writer to = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            String line;
            while ((line = from.readLine()) != null && !line.equals("ready")) {
                // the JVM's own chatter before it is ready
            }
            if (line == null) throw new IllegalStateException("the producer JVM ended before it was ready");
            Thread feeder = new Thread(() -> {
                try {
                    while (process.isAlive()) {
                        synchronized (to) {
                            to.write("r " + ledger.receivedPerCopy() + "\n");
                            to.flush();
                        }
                        TimeUnit.MILLISECONDS.sleep(2);
                    }
                } catch (Exception e) {
                    // the process ended or was told to stop: nothing more to feed
                }
            }, "producer-jvm-feeder");
            feeder.setDaemon(true);
            feeder.start();
            return new LoadRun.RemoteProducers() {
                @Override
                public long[] stop() throws Exception {
                    synchronized (to) {
                        to.write("stop\n");
                        to.flush();
                    }
                    long[] sent = new long[workload.producers()];
                    String reply;
                    while ((reply = from.readLine()) != null && !reply.equals("done")) {
                        if (!reply.startsWith("sent ")) continue;
                        String[] parts = reply.split(" ");
                        sent[Integer.parseInt(parts[1])] = Long.parseLong(parts[2]);
                    }
                    if (reply == null) throw new IllegalStateException("the producer JVM failed; see its output above");
                    return sent;
                }

                @Override
                public void close() throws Exception {
                    // End of input stops the producers too, when the run failed before it could say "stop".
                    synchronized (to) {
                        try {
                            to.close();
                        } catch (java.io.IOException e) {
                            // the process has ended already (after "done"): its input is gone, nothing to stop
                        }
                    }
                    if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly();
                }
            };
        }

        private static String nonNull(String s) {
            return s == null ? "" : s;
        }
    }
}
