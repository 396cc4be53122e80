package io.pilothouse.app.cli;

import io.pilothouse.services.alerts.Alert;
import io.pilothouse.services.alerts.AlertEvent;
import io.pilothouse.app.json.Json;
import io.pilothouse.app.wiring.LiveSession;
import io.pilothouse.app.wiring.SessionHistory;
import io.pilothouse.services.history.Notifier;
import io.pilothouse.services.live.LiveSettings;
import io.pilothouse.services.model.ClusterEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code pilothouse watch}: one line per event, as it is observed, until interrupted. */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = "Print every change (leader, members, roles, states, timeline, sources) as it happens.")
public final class WatchCommand implements Callable<Integer> {

    @Mixin
    SourceOptions source;

    @Option(names = "--json", description = "One JSON object per line.")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** The {@code watch --json} line. */
    record EventJson(String time, String type, String source, String scope, String member, String from, String to) {
        static EventJson of(ClusterEvent e) {
            return new EventJson(e.observedAt().toString(), e.type().name(), e.source(), e.scope(), e.member(),
                    e.from(), e.to());
        }
    }

    /**
     * The {@code watch --json} line of an alert transition ({@code type} ALERT_RAISED or ALERT_CLEARED). Shares
     * time/type/source/scope/member with {@link EventJson} so one reader handles both.
     */
    record AlertEventJson(String time, String type, String source, String scope, String member, String id,
                          String severity, String rule, String message, String since) {
        static AlertEventJson of(AlertEvent e) {
            Alert a = e.alert();
            return new AlertEventJson(e.at().toString(), e.type().name(), a.source(), a.cluster(), a.member(),
                    a.id(), a.severity().label(), a.rule().key(), a.message(), a.since().toString());
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch forever = new CountDownLatch(1);
        // Subscribed before the first read: a quick discovery must not be over before the listener is there.
        try (LiveSession session = LiveSession.start(source.workspace(), LiveSettings.DEFAULTS, Notifier.NONE,
                e -> print(out, e), SessionHistory.Mode.RECORD);
             AutoCloseable alerts = session.alerts().onEvent(e -> print(out, e))) {
            HistoryWarnings warnings = new HistoryWarnings(spec.commandLine().getErr());
            while (!forever.await(1, java.util.concurrent.TimeUnit.SECONDS)) {
                warnings.check(session.historyStore().status());
            }
        }
        return 0;
    }

    private void print(PrintWriter out, AlertEvent e) {
        synchronized (out) {
            if (json) {
                out.println(Json.line(AlertEventJson.of(e)));
            } else {
                Alert a = e.alert();
                out.println(e.at() + "  " + a.cluster() + "  " + e.type() + "  " + a.severity().label()
                        + (a.member() == null ? "" : "  " + a.member()) + "  " + a.message());
            }
            out.flush();
        }
    }

    private void print(PrintWriter out, ClusterEvent e) {
        synchronized (out) {
            if (json) {
                out.println(Json.line(EventJson.of(e)));
            } else {
                out.println(e.observedAt() + "  " + e.scope() + "  " + e.type()
                        + (e.member() == null ? "" : "  " + e.member())
                        + (e.from() == null && e.to() == null ? "" : "  " + e.from() + " -> " + e.to()));
            }
            out.flush();
        }
    }
}
