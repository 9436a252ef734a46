package org.rowmq.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/** Runs rowmq in-process on one database, as a script would: arguments, typed input, output, exit code. */
final class Cli {

    record Result(int exit, String out, String err) {
        JsonNode json() throws Exception {
            return new ObjectMapper().readTree(out);
        }

        @Override
        public String toString() {
            return "exit " + exit + "\nout:\n" + out + "\nerr:\n" + err;
        }
    }

    private final CliDatabase.Fresh db;

    Cli(CliDatabase.Fresh db) {
        this.db = db;
    }

    Result run(String... args) {
        return runTyping("", args);
    }

    /** With {@code typed} as what the operator types at a prompt. */
    Result runTyping(String typed, String... args) {
        return runInto(new StringWriter(), typed, args);
    }

    /** Printing into {@code out}, which another thread may read while the command runs (a watch). */
    Result runInto(StringWriter out, String typed, String... args) {
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--url", db.url(), "--user", db.user(), "--password", db.password()));
        all.addAll(List.of(args));
        int exit = RowMQ.commandLine(new BufferedReader(new StringReader(typed)), new PrintWriter(out, true),
                new PrintWriter(err, true)).execute(all.toArray(String[]::new));
        return new Result(exit, out.toString(), err.toString());
    }
}
