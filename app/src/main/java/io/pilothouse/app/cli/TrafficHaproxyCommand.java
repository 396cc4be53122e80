package io.pilothouse.app.cli;

import io.pilothouse.services.trafficops.HaproxyRuntime;
import io.pilothouse.services.trafficops.HaproxyServerState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code pilothouse traffic haproxy set-state}: drain, maintenance or ready for one HAProxy server. */
@Command(name = "haproxy", mixinStandardHelpOptions = true, description = "Operations on HAProxy's servers over its "
        + "admin-level runtime socket.", subcommands = TrafficHaproxyCommand.SetState.class)
final class TrafficHaproxyCommand implements Runnable {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "set-state", mixinStandardHelpOptions = true, description = "set server BACKEND/SERVER state "
            + "ready|drain|maint: shows the server and what is at risk first, asks to type the server name unless "
            + "--yes, then reads the state back. Audited; refused in a read-only workspace; under the cluster's "
            + "operation lock. Exit 0 done, 3 refused (nothing done), 1 failed, 2 bad input.")
    static final class SetState implements Callable<Integer> {

        @Mixin
        ClusterOperationOptions cluster;

        @Option(names = "--haproxy-socket", paramLabel = "PATH",
                description = "HAProxy's stats socket at level admin. Default: the workspace's "
                        + "traffic.haproxy.socket for the cluster's source (a sandbox writes DIR/haproxy.sock).")
        Path socket;

        @Option(names = "--backend", required = true, paramLabel = "BACKEND", description = "e.g. primary")
        String backend;

        @Option(names = "--server", required = true, paramLabel = "SERVER", description = "e.g. node1")
        String server;

        @Option(names = "--state", required = true, paramLabel = "STATE", description = "ready, drain or maint")
        String state;

        @Option(names = "--yes", description = "Do not ask to type the server name.")
        boolean yes;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            HaproxyServerState target;
            try {
                target = HaproxyServerState.parse(state);
            } catch (IllegalArgumentException e) {
                throw new UserException("--state: " + e.getMessage(), 2);
            }
            try (ClusterOperation op = ClusterOperation.open(cluster)) {
                var wiring = op.session().trafficOps();
                Path at = socket != null ? socket : wiring.haproxySocket(op.cluster().source()).orElseThrow(() ->
                        new UserException("no HAProxy admin socket: the workspace names none for source "
                                + op.cluster().source() + " (traffic.haproxy.socket); give --haproxy-socket PATH",
                                2));
                HaproxyRuntime haproxy = new HaproxyRuntime(at, Duration.ofSeconds(3));
                var ops = wiring.operations();
                return TrafficOperationRun.run(op, spec.commandLine().getOut(), server, "server name", yes,
                        () -> ops.previewServerState(haproxy, backend, server, target),
                        () -> ops.setServerState(op.cluster(), haproxy, backend, server, target));
            }
        }
    }
}
