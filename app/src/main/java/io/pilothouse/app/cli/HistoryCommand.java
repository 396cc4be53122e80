package io.pilothouse.app.cli;

import io.pilothouse.app.json.Json;
import io.pilothouse.app.wiring.HistoryStores;
import io.pilothouse.services.history.store.HistoryReader;
import io.pilothouse.services.history.store.StoredEvent;
import io.pilothouse.services.history.store.StoredLag;
import io.pilothouse.services.metrics.LagMetric;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code pilothouse history}: exports the stored events and lag of the history store. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "Export the stored events, alerts, operation outcomes and lag (the history store).")
public final class HistoryCommand implements Callable<Integer> {

    @Option(names = "--since", paramLabel = "WHEN", defaultValue = "2h",
            description = "From how long ago (90s, 30m, 2h, 7d) or an ISO time (default: 2h).")
    String since;

    @Option(names = "--cluster", paramLabel = "S", description = "Only this cluster (scope or source/scope).")
    String cluster;

    @Option(names = "--json", description = "One JSON document: events and lag.")
    boolean json;

    @Option(names = "--csv", description = "CSV: one line per event and per lag sample.")
    boolean csv;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** A lag sample in JSON: metric label to value, unmeasured metrics left out. */
    record LagJson(String time, String cluster, String member, Map<String, Double> values) {
    }

    record Export(String store, String from, String to, List<StoredEvent> events, List<LagJson> lag) {
    }

    @Override
    public Integer call() {
        if (json && csv) {
            throw new UserException("--json and --csv: choose one", 2);
        }
        Instant now = Instant.now();
        Instant from = TimeArguments.since(since, now);
        Path file = HistoryStores.file();
        List<StoredEvent> events;
        List<StoredLag> lag;
        try (HistoryReader r = HistoryReader.open(file)) {
            events = r.events(from, now).stream().filter(e -> matches(e.source(), e.scope())).toList();
            lag = r.lag(from.getEpochSecond(), now.getEpochSecond()).stream()
                    .filter(l -> matchesId(l.cluster())).toList();
        } catch (SQLException e) {
            throw new UserException("cannot read the history store " + file + ": " + e.getMessage()
                    + " (it is written by a running 'gui', 'demo' or 'watch'; set " + HistoryStores.ENV
                    + " when it lives elsewhere)", 1);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.pretty(new Export(file.toString(), from.toString(), now.toString(), events,
                    lag.stream().map(HistoryCommand::lagJson).toList())));
        } else if (csv) {
            HistoryCsv.write(out, events, lag);
        } else {
            text(out, events, lag);
        }
        out.flush();
        return 0;
    }

    private boolean matches(String source, String scope) {
        return cluster == null || cluster.equals(scope) || cluster.equals(source + "/" + scope);
    }

    private boolean matchesId(String id) {
        if (cluster == null) {
            return true;
        }
        String scope = id.contains(" / ") ? id.substring(id.indexOf(" / ") + 3) : id;
        String source = id.contains(" / ") ? id.substring(0, id.indexOf(" / ")) : null;
        return matches(source, scope);
    }

    private static LagJson lagJson(StoredLag l) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (LagMetric m : LagMetric.values()) {
            double v = l.values()[m.ordinal()];
            if (!Double.isNaN(v)) {
                values.put(m.name().toLowerCase(java.util.Locale.ROOT), v);
            }
        }
        return new LagJson(Instant.ofEpochSecond(l.epochSecond()).toString(), l.cluster(), l.member(), values);
    }

    private static void text(PrintWriter out, List<StoredEvent> events, List<StoredLag> lag) {
        out.println(events.size() + " events");
        for (StoredEvent e : events) {
            out.println(e.at() + "  " + e.scope() + "  " + e.kind() + (e.member() == null ? "" : "  " + e.member())
                    + (e.from() == null && e.to() == null ? "" : "  " + e.from() + " -> " + e.to()));
        }
        Map<String, List<StoredLag>> byMember = new LinkedHashMap<>();
        lag.forEach(l -> byMember.computeIfAbsent(l.cluster() + "  " + l.member(), k -> new ArrayList<>()).add(l));
        out.println(lag.size() + " lag samples");
        byMember.forEach((k, rows) -> out.println(k + "  " + rows.size() + " samples, " + Instant.ofEpochSecond(
                rows.get(0).epochSecond()) + " .. " + Instant.ofEpochSecond(rows.get(rows.size() - 1).epochSecond())
                + ", max replay lag " + (long) rows.stream().mapToDouble(r -> r.values()[LagMetric.REPLAY_BYTES
                .ordinal()]).filter(v -> !Double.isNaN(v)).max().orElse(0) + " B"));
    }

    static String[] metricNames() {
        return Arrays.stream(LagMetric.values()).map(m -> m.name().toLowerCase(java.util.Locale.ROOT))
                .toArray(String[]::new);
    }
}
