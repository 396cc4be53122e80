package io.pilothouse.services.traffic;

import io.pilothouse.services.model.TrafficProblem;
import io.pilothouse.services.model.TrafficProblemKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Judges one {@link TrafficReading}: the entry points with where they send reads and writes, and every disagreement
 * between the traffic layer and the cluster as a {@link TrafficProblem}. Pure: no I/O, no clock.
 */
final class TrafficAssessor {

    private final TrafficSettings settings;

    TrafficAssessor(TrafficSettings settings) {
        this.settings = settings;
    }

    ClusterTraffic assess(TrafficReading r) {
        List<EntryPoint> entries = new ArrayList<>();
        List<TrafficProblem> problems = new ArrayList<>();
        Judge judge = new Judge(r, problems);
        if (r.writeEndpoint() != null && r.writeEndpointCheck() != null) {
            Verification v = r.writeEndpointCheck();
            EntryPoint e = new EntryPoint(TrafficComponent.HAPROXY, "write endpoint", r.writeEndpoint(),
                    EntryRole.WRITE, reached(v), reached(v), v);
            entries.add(e);
            judge.writes(e, v);
        }
        if (r.haproxy() != null) {
            haproxy(r.haproxy(), judge, entries);
        }
        if (r.pgbouncer() != null) {
            pgbouncer(r.pgbouncer(), judge, entries);
        }
        if (r.pgpool() != null) {
            pgpool(r.pgpool(), judge, entries);
        }
        return new ClusterTraffic(r.source(), r.members().scope(), r.members().leader(), entries, r.haproxy(),
                r.pgbouncer(), r.pgpool(), problems);
    }

    private static void haproxy(HaproxyStatus h, Judge judge, List<EntryPoint> entries) {
        if (!judge.reachable(TrafficComponent.HAPROXY, h.status())) {
            return;
        }
        String leader = judge.r.members().leader();
        for (HaproxyProxy p : h.proxies()) {
            List<String> up = p.upServers().stream().map(s -> s.member() == null ? s.name() : s.member()).toList();
            EntryRole role = up.isEmpty() ? EntryRole.UNKNOWN
                    : leader != null && up.equals(List.of(leader)) ? EntryRole.WRITE
                    : leader != null && !up.contains(leader) ? EntryRole.READ : EntryRole.READ_WRITE;
            entries.add(new EntryPoint(TrafficComponent.HAPROXY, p.name(), null, role,
                    role == EntryRole.READ ? List.of() : up, up, null));
            if (up.isEmpty()) {
                judge.add(TrafficProblemKind.NO_ROUTE, "haproxy " + p.name(), "HAProxy proxy " + p.name()
                        + " has no server up: its clients get no connection");
            }
            for (HaproxyServer s : p.servers()) {
                if (s.status() != null && s.status().startsWith("DOWN") && !s.expectedDown()) {
                    judge.add(TrafficProblemKind.BACKEND_DOWN, "haproxy " + p.name() + "/" + s.name(),
                            "HAProxy server " + p.name() + "/" + s.name() + " is DOWN (check " + s.checkStatus()
                                    + (s.checkCode() == null ? "" : " " + s.checkCode()) + ")"
                                    + (s.lastChangeSeconds() == null ? "" : " for " + s.lastChangeSeconds() + " s"));
                }
            }
        }
    }

    private void pgbouncer(PgbouncerStatus b, Judge judge, List<EntryPoint> entries) {
        if (!judge.reachable(TrafficComponent.PGBOUNCER, b.status())) {
            return;
        }
        String leader = judge.r.members().leader();
        for (PgbouncerDatabase db : b.databases()) {
            Verification v = judge.r.pgbouncerChecks().get(db.name());
            boolean write = judge.r.writeDatabases().contains(db.name());
            EntryRole role = v == null || v.error() != null ? (write ? EntryRole.WRITE : EntryRole.UNKNOWN)
                    : v.reachedPrimary() ? EntryRole.WRITE : write ? EntryRole.WRITE : EntryRole.READ;
            EntryPoint e = new EntryPoint(TrafficComponent.PGBOUNCER, db.name(), b.address(), role,
                    role == EntryRole.WRITE ? reached(v) : List.of(), reached(v), v);
            entries.add(e);
            if (write && v != null) {
                judge.writes(e, v);
            }
            String targetMember = judge.r.members().memberAt(db.target());
            if (write && targetMember != null && leader != null && !targetMember.equals(leader)) {
                judge.add(TrafficProblemKind.POOLER_ON_OLD_LEADER, e.label(), "PgBouncer database " + db.name()
                        + " still points at " + targetMember + " (" + db.target() + "), which is no longer the "
                        + "leader (" + leader + "); point it at the leader or the write endpoint and RELOAD");
            }
        }
        if (leader != null) {
            b.servers().stream()
                    .filter(s -> s.member() != null && !s.member().equals(leader)
                            && judge.r.writeDatabases().contains(s.database()))
                    .map(s -> s.database() + "@" + s.member())
                    .distinct()
                    .forEach(key -> {
                        String[] parts = key.split("@", 2);
                        judge.add(TrafficProblemKind.POOLER_ON_OLD_LEADER, "pgbouncer " + parts[0],
                                "PgBouncer still holds server connections of " + parts[0] + " to " + parts[1]
                                        + ", which is no longer the leader (" + leader + "); RECONNECT " + parts[0]);
                    });
        }
        long limitMicros = settings.clientWait().toNanos() / 1000;
        for (PgbouncerPool pool : b.pools()) {
            if (pool.clientsWaiting() > 0 && pool.maxWaitMicros() > limitMicros) {
                judge.add(TrafficProblemKind.CLIENTS_WAITING, "pgbouncer " + pool.database(), String.format(
                        Locale.ROOT, "%d client(s) of %s/%s wait at PgBouncer, the longest %.1f s (over %d s)%s",
                        pool.clientsWaiting(), pool.database(), pool.user(), pool.maxWaitMicros() / 1e6,
                        settings.clientWait().toSeconds(), paused(b, pool.database()) ? "; the database is PAUSED"
                                : ""));
            }
        }
    }

    private static boolean paused(PgbouncerStatus b, String database) {
        return b.databases().stream().anyMatch(d -> d.name().equals(database) && d.paused());
    }

    private static void pgpool(PgpoolStatus p, Judge judge, List<EntryPoint> entries) {
        if (!judge.reachable(TrafficComponent.PGPOOL, p.status())) {
            return;
        }
        String leader = judge.r.members().leader();
        List<String> primaries = p.nodes().stream().filter(n -> n.primary() && n.up()).map(TrafficAssessor::name)
                .toList();
        List<String> reads = p.nodes().stream().filter(n -> n.up() && n.weight() > 0).map(TrafficAssessor::name)
                .toList();
        Verification v = judge.r.pgpoolCheck();
        EntryPoint e = new EntryPoint(TrafficComponent.PGPOOL, "pgpool", p.address(),
                primaries.isEmpty() ? EntryRole.READ : EntryRole.READ_WRITE, primaries, reads, v);
        entries.add(e);
        if (v != null) {
            judge.writes(e, v);
        }
        for (PgpoolNode n : p.nodes()) {
            if (n.pgRole() != null && n.role() != null && !n.role().equalsIgnoreCase(n.pgRole())
                    && !"unknown".equalsIgnoreCase(n.pgRole())) {
                judge.add(TrafficProblemKind.PGPOOL_PRIMARY_MISMATCH, "pgpool node " + n.nodeId(), "Pgpool-II "
                        + "believes node " + n.nodeId() + " (" + name(n) + ") is " + n.role() + ", the server says "
                        + n.pgRole());
            }
            if (n.pgStatus() != null && n.status() != null && n.up() != "up".equalsIgnoreCase(n.pgStatus())) {
                judge.add(TrafficProblemKind.PGPOOL_STATUS_MISMATCH, "pgpool node " + n.nodeId(), "Pgpool-II has "
                        + "node " + n.nodeId() + " (" + name(n) + ") " + n.status() + ", the server is "
                        + n.pgStatus() + (n.up() ? "" : "; attach it again with pcp_attach_node once it is healthy"));
            }
        }
        if (leader != null && !primaries.isEmpty() && !primaries.contains(leader)) {
            judge.add(TrafficProblemKind.PGPOOL_PRIMARY_MISMATCH, "pgpool", "Pgpool-II sends writes to "
                    + String.join(", ", primaries) + ", but the leader is " + leader);
        } else if (leader != null && primaries.isEmpty() && !p.nodes().isEmpty()) {
            judge.add(TrafficProblemKind.PGPOOL_PRIMARY_MISMATCH, "pgpool", "Pgpool-II knows no primary up; the "
                    + "leader is " + leader + ": writes through it fail");
        }
    }

    private static String name(PgpoolNode n) {
        return n.member() == null ? n.address() : n.member();
    }

    private static List<String> reached(Verification v) {
        if (v == null || v.error() != null) {
            return List.of();
        }
        return List.of(v.member() != null ? v.member() : Objects.requireNonNullElse(v.serverAddress(), "?"));
    }

    /** Collects problems for one reading. */
    private static final class Judge {
        private final TrafficReading r;
        private final List<TrafficProblem> problems;

        Judge(TrafficReading r, List<TrafficProblem> problems) {
            this.r = r;
            this.problems = problems;
        }

        void add(TrafficProblemKind kind, String entry, String message) {
            problems.add(new TrafficProblem(r.source(), r.members().scope(), kind, entry, message));
        }

        boolean reachable(TrafficComponent component, ComponentStatus status) {
            if (status.reachability() == Reachability.UNREACHABLE) {
                add(TrafficProblemKind.SOURCE_UNREACHABLE, component.key(), component.key() + " unreachable: "
                        + status.error());
                return false;
            }
            return status.reachable();
        }

        /** A write entry point must reach the leader of this cluster, out of recovery. */
        void writes(EntryPoint e, Verification v) {
            if (v.error() != null) {
                add(TrafficProblemKind.SOURCE_UNREACHABLE, e.label(), "cannot connect through " + e.label()
                        + ": " + v.error());
                return;
            }
            String leader = r.members().leader();
            String where = v.member() != null ? v.member() : v.serverAddress();
            if (r.systemIdentifier() != null && v.systemIdentifier() != null
                    && !r.systemIdentifier().equals(v.systemIdentifier())) {
                add(TrafficProblemKind.WRITES_TO_NON_LEADER, e.label(), e.label() + " reaches another cluster ("
                        + where + ", system identifier " + v.systemIdentifier() + ", this cluster's is "
                        + r.systemIdentifier() + ")");
            } else if (Boolean.TRUE.equals(v.inRecovery())) {
                add(TrafficProblemKind.WRITES_TO_NON_LEADER, e.label(), "writes through " + e.label() + " reach "
                        + where + ", which is in recovery (read-only)" + (leader == null ? "" : "; the leader is "
                        + leader));
            } else if (leader != null && v.member() != null && !v.member().equals(leader)) {
                add(TrafficProblemKind.WRITES_TO_NON_LEADER, e.label(), "writes through " + e.label() + " reach "
                        + v.member() + ", not the leader " + leader + " (two primaries?)");
            }
        }
    }
}
