package io.pilothouse.services.alerts;

import io.pilothouse.services.live.EstateMonitor;
import io.pilothouse.services.live.LiveModel;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.sandbox.OwnSandbox;
import io.pilothouse.services.sandbox.SandboxConnections;
import io.pilothouse.services.sandbox.SandboxInfo;
import io.pilothouse.services.sandbox.SandboxRest;
import io.pilothouse.services.testing.Await;
import io.pilothouse.services.testing.Closing;
import io.pilothouse.services.workspace.AlertsConfig;
import io.pilothouse.services.workspace.Workspace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Alerts on a real Patroni sandbox (its own: this test creates a slot and loads WAL): an inactive physical slot
 * under WAL load raises the slot alerts through the live monitor, dropping it clears them.
 */
@Tag("servers")
@Tag("patroni-matrix")
class AlertMonitorSandboxTest {

    private static final String SLOT = "ph_alert_test";
    private static OwnSandbox own;
    private static SandboxInfo sandbox;
    private static LiveModel live;
    private static EstateMonitor monitor;
    private static AlertMonitor alerts;
    private static final List<AlertEvent> events = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void up() throws Exception {
        own = OwnSandbox.start("pilothouse-alerts-", s -> s.withScope("alerts"));
        sandbox = own.info();
        // Patroni drops physical slots it does not manage on its next HA loop; tell it to leave ours alone.
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest
                .newBuilder(URI.create(sandbox.restUrls().get(0) + "/config"))
                .method("PATCH", HttpRequest.BodyPublishers.ofString(
                        "{\"ignore_slots\":[{\"name\":\"" + SLOT + "\",\"type\":\"physical\"}]}"))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        for (String url : sandbox.restUrls()) {
            Await.until(Duration.ofSeconds(30), "ignore_slots applied on " + url,
                    () -> SandboxRest.get(url, "/config").map(c -> c.has("ignore_slots")).orElse(false), b -> b);
        }
        Workspace loaded = own.workspace();
        // A low slot threshold (8 MiB) and a 1 s grace for inactivity, as a user would write them in the file.
        Workspace workspace = Workspace.builder(loaded.name()).readOnly(loaded.readOnly()).sources(loaded.sources())
                .alerts(new AlertsConfig(null, null, null, null, null, 8L << 20, 1L, null, null, null)).build();
        live = LiveModel.on(workspace);
        monitor = live.monitor();
        alerts = new AlertMonitor(monitor.feed(), new AlertEvaluator(
                AlertThresholds.of(workspace.alertsOrDefaults()), Clock.systemUTC()));
        alerts.onEvent(events::add);
        alerts.start(live.executors().scheduler(), Duration.ofSeconds(1));
    }

    @AfterAll
    static void down() {
        Closing.inOrder(alerts, live, own);
    }

    private static ClusterSnapshot cluster() {
        return monitor.feed().latest().clusters().stream().findFirst().orElse(null);
    }

    @Test
    void anInactiveSlotUnderWalLoadRaisesTheSlotAlertsAndDroppingItClearsThem() throws Exception {
        Await.until(Duration.ofSeconds(60), "a healthy cluster without alerts",
                () -> alerts.latest().alerts(), List::isEmpty);
        // The per-node SQL round counts client backends (the monitor's own connection at least).
        ClusterSnapshot healthy = Await.until(Duration.ofSeconds(30), "backends read on every member",
                AlertMonitorSandboxTest::cluster,
                c -> c != null && c.members().stream().allMatch(m -> m.backends() != null && m.backends() > 0));
        assertThat(healthy.members()).extracting(Member::backends).allMatch(n -> n < 150);

        String leader = Await.until(Duration.ofSeconds(60), "a leader",
                () -> SandboxRest.leader(sandbox).orElse(null), l -> l != null);
        try (Connection su = SandboxConnections.connect(sandbox, leader, sandbox.superuser(), "postgres");
             Statement st = su.createStatement()) {
            // A checkpoint first, so the new slot starts out holding (almost) nothing back.
            st.execute("CHECKPOINT");
            st.execute("SELECT pg_create_physical_replication_slot('" + SLOT + "', true)");
            // About 30 MB of WAL, then a segment switch so the position surely moves past restart_lsn.
            st.execute("CREATE TABLE ph_alert_load AS SELECT g, repeat('x', 200) AS pad "
                    + "FROM generate_series(1, 100000) g");
            st.execute("SELECT pg_switch_wal()");

            List<Alert> raised = Await.until(Duration.ofSeconds(60), "slot alerts raised",
                    () -> alerts.latest().alerts().stream().filter(a -> a.id().endsWith("/" + SLOT)).toList(),
                    l -> l.stream().map(Alert::rule).toList()
                            .containsAll(List.of(AlertRule.SLOT_RETAINING_WAL, AlertRule.SLOT_INACTIVE)));
            Alert retaining = raised.stream().filter(a -> a.rule() == AlertRule.SLOT_RETAINING_WAL).findFirst()
                    .orElseThrow();
            assertThat(retaining.member()).isEqualTo(leader);
            assertThat(retaining.cluster()).isEqualTo("alerts");
            assertThat(retaining.severity()).isEqualTo(AlertSeverity.WARNING);
            assertThat(retaining.message()).contains(SLOT).contains("above 8.0 MiB").contains("no consumer");
            assertThat(events).filteredOn(e -> e.alert().id().equals(retaining.id()))
                    .extracting(AlertEvent::type).containsExactly(AlertEvent.Type.ALERT_RAISED);

            st.execute("SELECT pg_drop_replication_slot('" + SLOT + "')");
            st.execute("DROP TABLE ph_alert_load");
        }
        Await.until(Duration.ofSeconds(60), "slot alerts cleared",
                () -> alerts.latest().alerts().stream().filter(a -> a.id().endsWith("/" + SLOT)).toList(),
                List::isEmpty);
        // The monitor publishes the new active list before it hands the transitions to its listeners (it logs each
        // one first): the cleared event may arrive a moment after the list is empty.
        List<AlertEvent.Type> transitions = Await.until(Duration.ofSeconds(10), "slot alert cleared event",
                () -> events.stream().filter(e -> e.alert().id().endsWith("/" + SLOT)
                                && e.alert().rule() == AlertRule.SLOT_RETAINING_WAL)
                        .map(AlertEvent::type).toList(),
                l -> l.contains(AlertEvent.Type.ALERT_CLEARED));
        assertThat(transitions).containsExactly(AlertEvent.Type.ALERT_RAISED, AlertEvent.Type.ALERT_CLEARED);
    }
}
