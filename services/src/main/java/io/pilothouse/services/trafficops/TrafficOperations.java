package io.pilothouse.services.trafficops;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.policy.AuditTrail;
import io.pilothouse.services.policy.MutationRefusedException;
import io.pilothouse.services.policy.MutationRequest;
import io.pilothouse.services.policy.OperationGuard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * HAProxy server states and PgBouncer PAUSE / RESUME / RECONNECT, each inside the operation guard (read-only
 * refusal, audit, the cluster's etcd lock): the thing is read first (the preview, and again inside the lock, so a
 * server or database that vanished is refused with nothing sent), the command sent, and the result read back.
 */
public final class TrafficOperations {

    /** Backend and server names sent to HAProxy: what its configuration allows, nothing to escape. */
    private static final Pattern HAPROXY_NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
    /** How long a read-back may take to show the change. */
    static final Duration READ_BACK = Duration.ofSeconds(5);
    /** PAUSE waits for server connections to be released: this long at most. */
    public static final Duration PAUSE_TIMEOUT = Duration.ofSeconds(30);

    private final OperationGuard guard;

    public TrafficOperations(OperationGuard guard) {
        this.guard = guard;
    }

    /** True when every change will be refused (read-only workspace). */
    public boolean isReadOnly() {
        return guard.isReadOnly();
    }

    /** What setting {@code backend/server} to {@code state} will touch, read now. */
    public TrafficPreview previewServerState(HaproxyRuntime haproxy, String backend, String server,
                                             HaproxyServerState state) throws TrafficSourceException {
        List<HaproxyServerLine> lines = HaproxyServerLine.parse(haproxy.send("show stat"));
        HaproxyServerLine line = find(lines, backend, server);
        if (line == null) {
            throw new TrafficSourceException("HAProxy has no server " + backend + "/" + server + "; its servers: "
                    + String.join(", ", lines.stream().map(l -> l.backend() + "/" + l.server()).toList()), null);
        }
        List<String> risks = new ArrayList<>();
        if (state != HaproxyServerState.READY) {
            long othersUp = lines.stream().filter(l -> l.backend().equals(backend) && !l.server().equals(server)
                    && l.takesNewConnections()).count();
            if (line.takesNewConnections() && othersUp == 0) {
                risks.add("it is the only server of " + backend + " taking connections: new connections to "
                        + backend + " will fail until one is ready again");
            }
            if (state == HaproxyServerState.MAINT && line.sessions() > 0) {
                risks.add(line.sessions() + " open session(s) stay until their clients close them (maint does "
                        + "not cut them); new ones go elsewhere");
            }
        }
        String verb = switch (state) {
            case READY -> "Set ready";
            case DRAIN -> "Drain";
            case MAINT -> "Put into maintenance";
        };
        return new TrafficPreview(verb + " " + backend + "/" + server + " on HAProxy", List.of(line.describe()),
                risks);
    }

    /**
     * Sets {@code backend/server} to {@code state} ({@code set server B/S state …}) and reads it back.
     *
     * @return the result read back, in words
     * @throws io.pilothouse.services.policy.ReadOnlyWorkspaceException in a read-only workspace
     * @throws MutationRefusedException when the server is unknown, the names are not HAProxy's, HAProxy refused,
     *                                  or another operator holds the lock
     * @throws TrafficSourceException   when the change was sent but the read-back does not show it
     */
    public String setServerState(ClusterSnapshot cluster, HaproxyRuntime haproxy, String backend, String server,
                                 HaproxyServerState state) throws Exception {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("socket", haproxy.socket().toString());
        parameters.put("state", state.word());
        MutationRequest request = new MutationRequest(state.action(), cluster.source() + "/" + cluster.scope(),
                backend + "/" + server, parameters);
        return guard.run(request, cluster, trail -> {
            if (!HAPROXY_NAME.matcher(backend).matches() || !HAPROXY_NAME.matcher(server).matches()) {
                throw new MutationRefusedException(request, "'" + backend + "/" + server + "' is not an HAProxy "
                        + "backend/server name; nothing was sent", null);
            }
            HaproxyServerLine before = find(HaproxyServerLine.parse(haproxy.send("show stat")), backend, server);
            if (before == null) {
                throw new MutationRefusedException(request, "HAProxy has no server " + backend + "/" + server
                        + "; nothing was sent", null);
            }
            trail.result("before", before.describe());
            String command = "set server " + backend + "/" + server + " state " + state.word();
            String answer = haproxy.send(command).strip();
            trail.response(command + " -> " + (answer.isEmpty() ? "(accepted)" : answer));
            if (!answer.isEmpty()) {
                throw new MutationRefusedException(request, "HAProxy refused '" + command + "': " + answer
                        + (answer.toLowerCase().contains("permission") ? " (the socket must be level admin)" : ""),
                        null);
            }
            HaproxyServerLine after = readBack(haproxy, backend, server, state);
            trail.result("after", after.describe());
            if (!state.shownBy(after.status())) {
                throw new TrafficSourceException("sent '" + command + "', but HAProxy still shows "
                        + after.describe() + " after " + READ_BACK.toSeconds() + " s", null);
            }
            return backend + "/" + server + " is " + state.word() + " on HAProxy: was " + before.describe()
                    + ", now " + after.describe();
        });
    }

    /** What {@code command} on database {@code name} will touch, read now. */
    public TrafficPreview previewPgBouncer(PgBouncerConnector bouncer, String name, PgBouncerCommand command)
            throws TrafficSourceException {
        PgBouncerAdmin.checkedName(name);
        try (PgBouncerAdmin admin = bouncer.open()) {
            PgBouncerDatabase db = admin.database(name).orElseThrow(() -> new TrafficSourceException("PgBouncer at "
                    + bouncer.address().label() + " has no database " + name, null));
            List<String> risks = new ArrayList<>();
            risks.add(command.effect());
            if (command == PgBouncerCommand.PAUSE && db.activeClients() > 0) {
                risks.add("PAUSE returns only once the " + db.activeClients() + " active client(s) finish their "
                        + "transaction (at most " + PAUSE_TIMEOUT.toSeconds() + " s, then it is abandoned)");
            }
            if (command == PgBouncerCommand.RESUME && !db.paused()) {
                risks.add("it is not paused: RESUME changes nothing");
            }
            String verb = command.word().charAt(0) + command.word().substring(1).toLowerCase();
            return new TrafficPreview(verb + " PgBouncer database " + name + " at " + bouncer.address().label(),
                    List.of(db.describe()), risks);
        }
    }

    /**
     * Sends {@code command} for database {@code name} and reads the database back (paused or not, server
     * connections).
     *
     * @return the result read back, in words
     * @throws io.pilothouse.services.policy.ReadOnlyWorkspaceException in a read-only workspace
     * @throws MutationRefusedException when the database is unknown or PgBouncer refused (nothing changed)
     * @throws TrafficSourceException   when the read-back does not show the change
     */
    public String pgBouncer(ClusterSnapshot cluster, PgBouncerConnector bouncer, String name,
                            PgBouncerCommand command) throws Exception {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("pgbouncer", bouncer.address().label());
        parameters.put("adminUser", bouncer.address().user());
        MutationRequest request = new MutationRequest(command.action(), cluster.source() + "/" + cluster.scope(),
                name, parameters);
        return guard.run(request, cluster, trail -> {
            try (PgBouncerAdmin admin = bouncer.open()) {
                PgBouncerDatabase before = admin.database(PgBouncerAdmin.checkedName(name)).orElse(null);
                if (before == null) {
                    throw new MutationRefusedException(request, "PgBouncer at " + bouncer.address().label()
                            + " has no database " + name + "; nothing was sent", null);
                }
                trail.result("before", before.describe());
                return sendAndReadBack(admin, before, command, trail, request);
            }
        });
    }

    private static String sendAndReadBack(PgBouncerAdmin admin, PgBouncerDatabase before, PgBouncerCommand command,
                                          AuditTrail trail, MutationRequest request) throws Exception {
        try {
            admin.send(command, before.name(), PAUSE_TIMEOUT);
        } catch (TrafficSourceException e) {
            trail.response(command.word() + " " + before.name() + " -> " + e.getMessage());
            if (e.getMessage().contains("already") || e.getMessage().contains("not paused")) {
                throw new MutationRefusedException(request, e.getMessage() + "; nothing changed", null);
            }
            throw e;
        }
        trail.response(command.word() + " " + before.name() + " -> ok");
        PgBouncerDatabase after = admin.database(before.name()).orElseThrow();
        trail.result("after", after.describe());
        boolean shown = switch (command) {
            case PAUSE -> after.paused();
            case RESUME -> !after.paused();
            case RECONNECT -> true;
        };
        if (!shown) {
            throw new TrafficSourceException("sent " + command.word() + " " + before.name() + ", but PgBouncer shows "
                    + after.describe(), null);
        }
        return command.word() + " " + before.name() + " done at " + admin.address().label() + ": was "
                + before.describe() + ", now " + after.describe();
    }

    private static HaproxyServerLine readBack(HaproxyRuntime haproxy, String backend, String server,
                                              HaproxyServerState state) throws Exception {
        long deadline = System.nanoTime() + READ_BACK.toNanos();
        while (true) {
            HaproxyServerLine now = find(HaproxyServerLine.parse(haproxy.send("show stat")), backend, server);
            if (now == null) {
                throw new TrafficSourceException("HAProxy no longer lists " + backend + "/" + server, null);
            }
            if (state.shownBy(now.status()) || System.nanoTime() > deadline) {
                return now;
            }
            Thread.sleep(100);
        }
    }

    static HaproxyServerLine find(List<HaproxyServerLine> lines, String backend, String server) {
        return lines.stream().filter(l -> l.backend().equals(backend) && l.server().equals(server)).findFirst()
                .orElse(null);
    }
}
