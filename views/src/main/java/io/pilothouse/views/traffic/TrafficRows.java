package io.pilothouse.views.traffic;

import io.pilothouse.services.model.TrafficProblem;
import io.pilothouse.services.traffic.ClusterTraffic;
import io.pilothouse.services.traffic.EntryPoint;
import io.pilothouse.services.traffic.HaproxyProxy;
import io.pilothouse.services.traffic.HaproxyServer;
import io.pilothouse.services.traffic.PgbouncerDatabase;
import io.pilothouse.services.traffic.PgbouncerPool;
import io.pilothouse.services.traffic.PgpoolNode;
import io.pilothouse.services.traffic.Verification;
import io.pilothouse.views.Tone;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Turns a cluster's traffic snapshot into table rows, each row with the problems that name it. */
final class TrafficRows {

    static final List<String> ENTRY_COLUMNS = List.of("Entry point", "Address", "Role", "Writes go to",
            "Reads go to", "Reached", "Problem");
    static final List<String> HAPROXY_COLUMNS = List.of("Proxy", "Server", "Member", "Status", "Check", "Sessions",
            "Weight", "Last change", "Problem");
    static final List<String> PGBOUNCER_COLUMNS = List.of("Database", "Server target", "Paused", "Active clients",
            "Waiting clients", "Server conns", "Longest wait", "Problem");
    static final List<String> PGPOOL_COLUMNS = List.of("Node", "Member", "Status / server says", "Role / server says",
            "Weight", "Delay", "Problem");

    private TrafficRows() {
    }

    static List<TrafficRow> entryPoints(ClusterTraffic t) {
        List<TrafficRow> rows = new ArrayList<>();
        for (EntryPoint e : t.entryPoints()) {
            String problem = problemOf(t, e.label());
            rows.add(new TrafficRow(List.of(e.label(), orDash(e.address()), e.role().name().toLowerCase(Locale.ROOT)
                    .replace('_', '/'), list(e.writesTo()), list(e.readsTo()), reached(e.verification()), problem),
                    tone(t, e.label(), e.verification() != null && e.verification().error() != null), null));
        }
        return rows;
    }

    static List<TrafficRow> haproxy(ClusterTraffic t) {
        List<TrafficRow> rows = new ArrayList<>();
        if (t.haproxy() == null) {
            return rows;
        }
        for (HaproxyProxy p : t.haproxy().proxies()) {
            for (HaproxyServer s : p.servers()) {
                String key = "haproxy " + p.name() + "/" + s.name();
                boolean bad = !s.up() && !s.expectedDown() && !String.valueOf(s.status()).contains("MAINT")
                        && !String.valueOf(s.status()).contains("DRAIN");
                String status = s.status() + (s.expectedDown() ? " (role check: normal)" : "");
                rows.add(new TrafficRow(List.of(p.name(), s.name(), orDash(s.member()), status,
                        orDash(s.checkStatus()) + (s.checkCode() == null ? "" : " " + s.checkCode()),
                        Long.toString(s.sessions()), Integer.toString(s.weight()),
                        s.lastChangeSeconds() == null ? "—" : age(s.lastChangeSeconds()) + " ago",
                        problemOf(t, key)), tone(t, key, bad), p.name() + "/" + s.name()));
            }
        }
        return rows;
    }

    static List<TrafficRow> pgbouncer(ClusterTraffic t) {
        List<TrafficRow> rows = new ArrayList<>();
        if (t.pgbouncer() == null) {
            return rows;
        }
        for (PgbouncerDatabase d : t.pgbouncer().databases()) {
            List<PgbouncerPool> pools = t.pgbouncer().pools().stream().filter(p -> p.database().equals(d.name()))
                    .toList();
            int active = pools.stream().mapToInt(PgbouncerPool::clientsActive).sum();
            int waiting = pools.stream().mapToInt(PgbouncerPool::clientsWaiting).sum();
            int servers = pools.stream().mapToInt(PgbouncerPool::servers).sum();
            long wait = pools.stream().mapToLong(PgbouncerPool::maxWaitMicros).max().orElse(0);
            String key = "pgbouncer " + d.name();
            rows.add(new TrafficRow(List.of(d.name(), orDash(d.target()) + "/" + d.database(),
                    d.paused() ? "PAUSED" : d.disabled() ? "disabled" : "no", Integer.toString(active),
                    Integer.toString(waiting), Integer.toString(servers), wait == 0 ? "—" : wait / 1000 + " ms",
                    problemOf(t, key)), tone(t, key, d.paused() || d.disabled()), d.name()));
        }
        return rows;
    }

    static List<TrafficRow> pgpool(ClusterTraffic t) {
        List<TrafficRow> rows = new ArrayList<>();
        if (t.pgpool() == null) {
            return rows;
        }
        for (PgpoolNode n : t.pgpool().nodes()) {
            boolean statusDiffers = n.pgStatus() != null && !n.pgStatus().equalsIgnoreCase(n.status());
            boolean roleDiffers = n.pgRole() != null && !n.pgRole().equalsIgnoreCase(n.role());
            String key = "pgpool";
            rows.add(new TrafficRow(List.of(Integer.toString(n.nodeId()) + " " + n.address(), orDash(n.member()),
                    n.status() + (n.pgStatus() == null ? "" : " / " + n.pgStatus()),
                    n.role() + (n.pgRole() == null ? "" : " / " + n.pgRole()), String.format(Locale.ROOT, "%.2f",
                            n.weight()), n.replicationDelay() == null ? "—" : Long.toString(n.replicationDelay()),
                    statusDiffers || roleDiffers ? "Pgpool and the server disagree" : ""),
                    roleDiffers ? Tone.DANGER : statusDiffers ? Tone.WARN : Tone.NEUTRAL, null));
        }
        return rows;
    }

    /** The problems of the whole cluster, most alarming first. */
    static List<TrafficProblem> problems(ClusterTraffic t) {
        List<TrafficProblem> out = new ArrayList<>(t.problems());
        out.sort((a, b) -> Boolean.compare(b.kind().critical(), a.kind().critical()));
        return out;
    }

    private static String problemOf(ClusterTraffic t, String key) {
        return t.problems().stream().filter(p -> matches(p, key)).map(TrafficProblem::message).findFirst()
                .orElse("");
    }

    private static Tone tone(ClusterTraffic t, String key, boolean otherwiseWarn) {
        List<TrafficProblem> mine = t.problems().stream().filter(p -> matches(p, key)).toList();
        if (mine.stream().anyMatch(p -> p.kind().critical())) {
            return Tone.DANGER;
        }
        return !mine.isEmpty() || otherwiseWarn ? Tone.WARN : Tone.NEUTRAL;
    }

    private static boolean matches(TrafficProblem p, String key) {
        return p.entryPoint() != null && (p.entryPoint().equals(key) || key.startsWith(p.entryPoint() + "/")
                || p.entryPoint().startsWith(key + "/"));
    }

    private static String reached(Verification v) {
        if (v == null) {
            return "not verified";
        }
        if (v.error() != null) {
            return "failed: " + v.error();
        }
        return (v.member() == null ? orDash(v.serverAddress()) : v.member()) + (Boolean.TRUE.equals(v.inRecovery())
                ? " (replica)" : Boolean.FALSE.equals(v.inRecovery()) ? " (primary)" : "");
    }

    private static String list(List<String> members) {
        return members.isEmpty() ? "—" : String.join(", ", members);
    }

    private static String orDash(String s) {
        return s == null || s.isEmpty() ? "—" : s;
    }

    private static String age(long seconds) {
        return seconds < 120 ? seconds + " s" : seconds < 7200 ? seconds / 60 + " min" : seconds / 3600 + " h";
    }
}
