package io.pilothouse.app.cli;

import io.pilothouse.services.model.TrafficProblem;
import io.pilothouse.services.traffic.ClusterTraffic;
import io.pilothouse.services.traffic.ComponentStatus;
import io.pilothouse.services.traffic.EntryPoint;
import io.pilothouse.services.traffic.HaproxyProxy;
import io.pilothouse.services.traffic.HaproxyServer;
import io.pilothouse.services.traffic.PgbouncerDatabase;
import io.pilothouse.services.traffic.PgbouncerPool;
import io.pilothouse.services.traffic.PgpoolNode;
import io.pilothouse.services.traffic.TrafficSnapshot;
import io.pilothouse.services.traffic.Verification;

import java.util.List;
import java.util.Locale;

/** The traffic layer as text for {@code pilothouse traffic}. */
final class TrafficText {

    private TrafficText() {}

    static String render(TrafficSnapshot snapshot) {
        StringBuilder sb = new StringBuilder();
        for (ClusterTraffic c : snapshot.clusters()) {
            sb.append(c.source()).append(c.scope() == null ? "  (cluster not known yet)"
                    : "  cluster " + c.scope() + ", leader " + (c.leader() == null ? "none" : c.leader()))
                    .append('\n');
            sb.append("  entry points\n");
            c.entryPoints().forEach(e -> sb.append(entry(e)));
            if (c.haproxy() != null) {
                sb.append("  haproxy ").append(c.haproxy().statsUrl()).append("  ").append(status(c.haproxy()
                        .status())).append('\n');
                for (HaproxyProxy p : c.haproxy().proxies()) {
                    for (HaproxyServer s : p.servers()) {
                        sb.append(server(s));
                    }
                }
            }
            if (c.pgbouncer() != null) {
                sb.append("  pgbouncer ").append(c.pgbouncer().address()).append(" as ").append(c.pgbouncer().user())
                        .append("  ").append(status(c.pgbouncer().status())).append('\n');
                c.pgbouncer().databases().forEach(d -> sb.append(database(d)));
                c.pgbouncer().pools().forEach(p -> sb.append(pool(p)));
            }
            if (c.pgpool() != null) {
                sb.append("  pgpool ").append(c.pgpool().address())
                        .append(c.pgpool().pcpPort() == null ? "" : " (PCP " + c.pgpool().pcpPort() + ")")
                        .append("  ").append(status(c.pgpool().status())).append('\n');
                c.pgpool().nodes().forEach(n -> sb.append(node(n)));
            }
            sb.append(c.problems().isEmpty() ? "  no problem\n" : "  problems\n");
            for (TrafficProblem p : c.problems()) {
                sb.append("    ").append(p.kind().critical() ? "CRITICAL " : "WARNING  ").append(p.kind().key())
                        .append("  ").append(p.message()).append('\n');
            }
        }
        return sb.toString();
    }

    private static String status(ComponentStatus s) {
        return switch (s.reachability()) {
            case REACHABLE -> "reachable (" + s.elapsedMillis() + " ms)";
            case UNREACHABLE -> "UNREACHABLE: " + s.error();
            case NOT_READ_YET -> "not read yet";
        };
    }

    private static String entry(EntryPoint e) {
        return String.format(Locale.ROOT, "    %-26s %-16s %-10s writes -> %-14s reads -> %s%s%n", e.label(),
                e.address() == null ? "" : e.address(), e.role().name(), names(e.writesTo()), names(e.readsTo()),
                verification(e.verification()));
    }

    private static String verification(Verification v) {
        if (v == null) {
            return "";
        }
        if (v.error() != null) {
            return "  (connect through: " + v.error() + ")";
        }
        return "  (reached " + (v.member() == null ? "?" : v.member()) + " at " + v.serverAddress() + ", "
                + (Boolean.TRUE.equals(v.inRecovery()) ? "in recovery" : "primary")
                + (v.systemIdentifier() == null ? "" : ", system id " + v.systemIdentifier()) + ")";
    }

    private static String server(HaproxyServer s) {
        return String.format(Locale.ROOT, "    %-22s %-8s %-8s check %-6s %-4s sessions %d (max %d)  weight %d"
                        + "  changed %s ago%s%n", s.proxy() + "/" + s.name(), s.member() == null ? "?" : s.member(),
                s.status(), s.checkStatus() == null ? "-" : s.checkStatus(),
                s.checkCode() == null ? "" : s.checkCode(), s.sessions(), s.maxSessions(), s.weight(),
                s.lastChangeSeconds() == null ? "?" : s.lastChangeSeconds() + " s",
                s.expectedDown() ? "  (normal: its role check says it is not this proxy's role)" : "");
    }

    private static String database(PgbouncerDatabase d) {
        return String.format(Locale.ROOT, "    database %-12s -> %-20s pool %d, %d connection(s)%s%s%n", d.name(),
                d.target() == null ? "?" : d.target() + "/" + d.database(), d.poolSize(), d.currentConnections(),
                d.paused() ? ", PAUSED" : "", d.disabled() ? ", DISABLED" : "");
    }

    private static String pool(PgbouncerPool p) {
        return String.format(Locale.ROOT, "    pool %-20s clients %d active, %d waiting (longest %.1f s); servers %d "
                        + "active, %d idle, %d used; %s%n", p.database() + "/" + p.user(), p.clientsActive(),
                p.clientsWaiting(), p.maxWaitMicros() / 1e6, p.serversActive(), p.serversIdle(), p.serversUsed(),
                p.poolMode() == null ? "" : p.poolMode());
    }

    private static String node(PgpoolNode n) {
        return String.format(Locale.ROOT, "    node %d %-8s %-20s status %s (server %s)  role %s (server %s)  weight "
                        + "%.2f  delay %s  %s%n", n.nodeId(), n.member() == null ? "?" : n.member(), n.address(),
                n.status(), n.pgStatus() == null ? "?" : n.pgStatus(), n.role(), n.pgRole() == null ? "?" : n.pgRole(),
                n.weight(), n.replicationDelay() == null ? "-" : n.replicationDelay(),
                n.replicationState() == null ? "" : n.replicationState());
    }

    private static String names(List<String> members) {
        return members.isEmpty() ? "-" : String.join(",", members);
    }
}
