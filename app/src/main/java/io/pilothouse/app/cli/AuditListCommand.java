package io.pilothouse.app.cli;

import io.pilothouse.app.json.Json;
import io.pilothouse.app.wiring.AuditLogs;
import io.pilothouse.services.policy.AuditEntry;
import io.pilothouse.services.policy.AuditException;
import io.pilothouse.services.policy.AuditLogContents;
import io.pilothouse.services.policy.AuditRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code pilothouse audit list}: the audit log's records, oldest first, as a table or JSON. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List audited changes, oldest first (a table, or JSON with --json).")
public final class AuditListCommand implements Callable<Integer> {

    @Option(names = "--cluster", paramLabel = "CLUSTER",
            description = "Only this cluster: source/scope, or just the scope.")
    String cluster;

    @Option(names = "--action", paramLabel = "ACTION", description = "Only this action (switchover, restart…).")
    String action;

    @Option(names = "--since", paramLabel = "ISO",
            description = "Only records at or after this time: 2026-11-20, 2026-11-20T10:00 (local time) or "
                    + "2026-11-20T10:00:00Z.")
    String since;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final ZoneId zone = ZoneId.systemDefault();

    @Override
    public Integer call() {
        Instant from = since == null ? null : parseSince(since, zone);
        AuditLogContents contents;
        try {
            contents = AuditLogs.open().read();
        } catch (AuditException e) {
            throw new UserException(e.getMessage() + "; check the file's permissions");
        }
        List<AuditEntry> rows = contents.entries().stream()
                .filter(e -> cluster == null || matchesCluster(e.record().cluster(), cluster))
                .filter(e -> action == null || action.equalsIgnoreCase(e.record().action()))
                .filter(e -> from == null || !e.record().time().isBefore(from))
                .toList();
        if (json) {
            spec.commandLine().getOut().println(Json.pretty(rows.stream().map(AuditListCommand::toJson).toList()));
        } else {
            spec.commandLine().getOut().print(AuditTable.render(rows, zone));
            spec.commandLine().getOut().flush();
        }
        for (AuditLogContents.DamagedLine d : contents.damaged()) {
            spec.commandLine().getErr().println("pilothouse: skipped line " + d.line() + " of " + AuditLogs.path()
                    + ": " + d.problem() + "; run 'pilothouse audit verify'");
        }
        return 0;
    }

    static boolean matchesCluster(String recorded, String wanted) {
        return recorded != null && (recorded.equals(wanted) || recorded.endsWith("/" + wanted));
    }

    /** An instant, an offset time, or a local date-time or date in {@code zone}. */
    static Instant parseSince(String text, ZoneId zone) {
        String t = text.trim();
        try {
            if (t.endsWith("Z") || t.endsWith("z")) {
                return Instant.parse(t.toUpperCase(Locale.ROOT));
            }
            if (t.matches(".*T.*[+-]\\d\\d:\\d\\d$")) {
                return OffsetDateTime.parse(t).toInstant();
            }
            if (t.contains("T")) {
                return LocalDateTime.parse(t).atZone(zone).toInstant();
            }
            return LocalDate.parse(t).atStartOfDay(zone).toInstant();
        } catch (DateTimeException e) {
            throw new UserException("--since must be an ISO date or time such as 2026-11-20, 2026-11-20T10:00 or "
                    + "2026-11-20T10:00:00Z, got '" + text + "'", 2);
        }
    }

    private static Map<String, Object> toJson(AuditEntry e) {
        AuditRecord r = e.record();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", e.seq());
        m.put("line", e.line());
        m.put("time", r.time().toString());
        m.put("user", r.user());
        m.put("cluster", r.cluster());
        m.put("action", r.action());
        m.put("target", r.target());
        m.put("parameters", r.parameters());
        m.put("outcome", r.outcome().wireName());
        m.put("message", r.message());
        m.put("durationMs", r.durationMs());
        m.put("checks", r.checks());
        m.put("responses", r.responses());
        m.put("results", r.results());
        m.put("hash", e.hash());
        return m;
    }
}
