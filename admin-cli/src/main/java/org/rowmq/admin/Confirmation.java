package org.rowmq.admin;

import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * The explicit consent a change needs: {@code --yes} for scripts, or "yes" typed at the prompt. Anything else,
 * end of input included (a script that forgot --yes), refuses and changes nothing. The question goes to stderr, so
 * that the output a script reads (JSON) stays clean.
 */
final class Confirmation {

    @Option(names = {"-y", "--yes"}, description = "do it without asking (for scripts)")
    boolean yes;

    void require(String what, PrintWriter prompt, BufferedReader in) throws NotConfirmed, IOException {
        if (yes) return;
        prompt.print(what + " Type yes to go on: ");
        prompt.flush();
        String answer = in.readLine();
        if (answer == null || !answer.trim().equalsIgnoreCase("yes"))
            throw new NotConfirmed("not confirmed; nothing was changed (give --yes to skip the question)");
    }
}
