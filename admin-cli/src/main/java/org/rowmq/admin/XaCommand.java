package org.rowmq.admin;

import org.rowmq.store.BranchId;
import org.rowmq.store.StoreAdmin;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "xa", description = "In-doubt XA branches: prepared, waiting for their transaction manager's decision.",
        subcommands = {XaCommand.ListBranches.class, XaCommand.Commit.class, XaCommand.Rollback.class})
final class XaCommand implements Callable<Integer> {

    @ParentCommand
    RowMQ rowmq;

    @Spec
    CommandSpec spec;

    /** {@code rowmq xa} alone lists. */
    @Override
    public Integer call() throws Exception {
        return ListBranches.list(rowmq, spec);
    }

    static Map<String, Object> row(StoreAdmin.BranchStatus b, Output o) {
        Map<String, Object> r = Output.row();
        r.put("branch", b.id());
        r.put("formatId", b.xid().getFormatId());
        r.put("gtrid", HexFormat.of().formatHex(b.xid().getGlobalTransactionId()));
        r.put("bqual", HexFormat.of().formatHex(b.xid().getBranchQualifier()));
        r.put("age", o.ageValue(b.ageMillis()));
        r.put("node", b.node());
        r.put("heldSends", b.heldSends());
        r.put("heldReceives", b.heldReceives());
        r.put("destinations", o.json() ? b.destinations() : String.join(",", b.destinations()));
        return r;
    }

    @Command(name = "list", description = "List prepared branches: xid, age, preparing node, the messages they hold.")
    static final class ListBranches implements Callable<Integer> {
        @ParentCommand
        XaCommand xa;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            return list(xa.rowmq, spec);
        }

        static int list(RowMQ rowmq, CommandSpec spec) throws Exception {
            Output o = new Output(spec.commandLine().getOut(), rowmq.json);
            o.list(rowmq.withAdmin(StoreAdmin::branches), b -> row(b, o), "No XA branches are in doubt.");
            return ExitCodes.OK;
        }
    }

    /** Commit and rollback: a heuristic decision the transaction manager will be told of when it recovers. */
    abstract static class Settle implements Callable<Integer> {
        @ParentCommand
        XaCommand xa;

        @Spec
        CommandSpec spec;

        @Mixin
        Confirmation confirmation;

        @Parameters(index = "0", paramLabel = "BRANCH", converter = BranchNumber.class,
                description = "the branch number `rowmq xa list` shows")
        long branch;

        abstract String verb();

        abstract String outcome();

        abstract boolean settle(StoreAdmin admin, BranchId xid) throws Exception;

        @Override
        public Integer call() throws Exception {
            RowMQ rowmq = xa.rowmq;
            Output o = new Output(spec.commandLine().getOut(), rowmq.json);
            return rowmq.withAdmin(admin -> {
                StoreAdmin.BranchStatus b = admin.branch(branch)
                        .orElseThrow(() -> new NotFound("no prepared XA branch " + branch + " (see rowmq xa list)"));
                confirmation.require(verb() + " XA branch " + branch + " (" + b.heldSends() + " sends, " + b.heldReceives()
                        + " receives, prepared by " + b.node() + ")? Its transaction manager may decide otherwise;"
                        + " do this only for a transaction it has given up.", spec.commandLine().getErr(), rowmq.in());
                if (!settle(admin, b.xid())) throw new NotFound("XA branch " + branch + " was settled meanwhile");
                Map<String, Object> r = row(b, o);
                r.put("outcome", outcome());
                o.object(r);
                return ExitCodes.OK;
            });
        }
    }

    /**
     * The number of the branch column of {@code rowmq xa list}. Anything else, such as an xid pasted from the listing's
     * other columns, is refused with where the number is, rather than looked up and reported missing.
     */
    static final class BranchNumber implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            long n;
            try {
                n = Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a branch number: give the number of the branch"
                        + " column of 'rowmq xa list', not an xid");
            }
            if (n < 1) throw new TypeConversionException("a branch number is positive (the branch column of 'rowmq xa list'), was " + n);
            return n;
        }
    }

    @Command(name = "commit", description = "Commit a prepared branch by hand: its sends become ready, its receives are deleted.")
    static final class Commit extends Settle {
        @Override
        String verb() {
            return "Commit";
        }

        @Override
        String outcome() {
            return "committed";
        }

        @Override
        boolean settle(StoreAdmin admin, BranchId xid) throws Exception {
            return admin.commit(xid);
        }
    }

    @Command(name = "rollback", description = "Roll a prepared branch back by hand: its sends vanish, its receives are redelivered.")
    static final class Rollback extends Settle {
        @Override
        String verb() {
            return "Roll back";
        }

        @Override
        String outcome() {
            return "rolled back";
        }

        @Override
        boolean settle(StoreAdmin admin, BranchId xid) throws Exception {
            return admin.rollback(xid);
        }
    }
}
