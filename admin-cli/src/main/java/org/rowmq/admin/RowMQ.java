package org.rowmq.admin;

import com.zaxxer.hikari.HikariDataSource;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import org.rowmq.store.StoreAdmin;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** The {@code rowmq} command: the top level, its connection options and the exit codes of failures. */
@Command(name = "rowmq", mixinStandardHelpOptions = true, version = "rowmq 0.1.0",
        description = "See and repair RowMQ's destinations, subscriptions, nodes and XA branches in its database.",
        subcommands = {DestinationsCommand.class, BrowseCommand.class, PurgeCommand.class, MoveCommand.class,
                CreateCommand.class, LimitsCommand.class, DeleteCommand.class, SubscriptionsCommand.class,
                UnsubscribeCommand.class, NodesCommand.class, XaCommand.class, StatsCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 done, 1 database failure, 2 bad usage or input, 3 not found,"
                + " 4 refused (not confirmed, or the state forbids it)."})
public final class RowMQ {

    @Mixin
    Database database;

    @Option(names = "--json", scope = CommandLine.ScopeType.INHERIT, description = "JSON for scripts instead of a table")
    boolean json;

    private final BufferedReader in;

    /** Answers to confirmation prompts are read from {@code in}. */
    public RowMQ(BufferedReader in) {
        this.in = in;
    }

    BufferedReader in() {
        return in;
    }

    /** A command line with RowMQ's exit codes for failures; output goes to the given writers. */
    public static CommandLine commandLine(BufferedReader in, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new RowMQ(in));
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("rowmq: " + e.getMessage());
            line.getErr().flush();
            return exitCode(e);
        });
        return cl;
    }

    static int exitCode(Exception e) {
        if (e instanceof BadInput || e instanceof InvalidSelectorException) return ExitCodes.USAGE;
        if (e instanceof InvalidDestinationException || e instanceof NotFound) return ExitCodes.NOT_FOUND;
        if (e instanceof IllegalStateException || e instanceof NotConfirmed) return ExitCodes.REFUSED;
        return ExitCodes.FAILED;
    }

    /** Runs {@code work} on an admin view of the database, closing the connection pool afterwards. */
    <T> T withAdmin(AdminWork<T> work) throws Exception {
        try (HikariDataSource ds = open()) {
            return work.run(StoreAdmin.on(ds));
        }
    }

    private HikariDataSource open() throws BadInput, JMSException {
        try {
            return database.open();
        } catch (RuntimeException e) { // HikariCP's PoolInitializationException: unreachable, refused
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new JMSException("cannot connect: " + cause.getMessage());
        }
    }

    @FunctionalInterface
    interface AdminWork<T> {
        T run(StoreAdmin admin) throws Exception;
    }

    public static void main(String[] args) {
        // slf4j-simple: only warnings from the pool and the store; the command prints what it did.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(commandLine(in, out, err).execute(args));
    }
}
