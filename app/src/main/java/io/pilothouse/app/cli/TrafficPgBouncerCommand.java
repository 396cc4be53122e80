package io.pilothouse.app.cli;

import io.pilothouse.services.trafficops.PgBouncerCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code pilothouse traffic pgbouncer pause|resume|reconnect --database D}. */
@Command(name = "pgbouncer", mixinStandardHelpOptions = true, description = "PAUSE, RESUME or RECONNECT one "
        + "database on PgBouncer's admin console.", subcommands = {TrafficPgBouncerCommand.Pause.class,
        TrafficPgBouncerCommand.Resume.class, TrafficPgBouncerCommand.Reconnect.class})
final class TrafficPgBouncerCommand implements Runnable {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** What the three share. */
    abstract static class Base implements Callable<Integer> {

        @Mixin
        ClusterOperationOptions cluster;

        @Mixin
        PgBouncerOptions bouncer;

        @Option(names = "--database", required = true, paramLabel = "DB", description = "PgBouncer's database name.")
        String database;

        @Option(names = "--yes", description = "Do not ask to type the database name.")
        boolean yes;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        abstract PgBouncerCommand command();

        @Override
        public Integer call() throws Exception {
            try (ClusterOperation op = ClusterOperation.open(cluster)) {
                var address = bouncer.resolve(cluster.source.workspace(), op.cluster().source());
                var traffic = op.session().trafficOps();
                var console = traffic.console(address);
                var ops = traffic.operations();
                return TrafficOperationRun.run(op, spec.commandLine().getOut(), database, "database name", yes,
                        () -> ops.previewPgBouncer(console, database, command()),
                        () -> ops.pgBouncer(op.cluster(), console, database, command()));
            }
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true, description = "PAUSE: clients' queries wait (they do "
            + "not fail) until RESUME. Audited; refused in a read-only workspace; exit 0 done, 3 refused, 1 failed.")
    static final class Pause extends Base {
        @Override
        PgBouncerCommand command() {
            return PgBouncerCommand.PAUSE;
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "RESUME: waiting clients go on.")
    static final class Resume extends Base {
        @Override
        PgBouncerCommand command() {
            return PgBouncerCommand.RESUME;
        }
    }

    @Command(name = "reconnect", mixinStandardHelpOptions = true, description = "RECONNECT: server connections are "
            + "closed after their transaction, so new ones go where the database's host points now.")
    static final class Reconnect extends Base {
        @Override
        PgBouncerCommand command() {
            return PgBouncerCommand.RECONNECT;
        }
    }
}
