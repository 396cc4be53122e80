package io.pilothouse.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilothouse.app.Main;
import io.pilothouse.app.json.Json;
import io.pilothouse.services.testing.Await;
import io.pilothouse.services.sandbox.SandboxInfo;
import io.pilothouse.services.sandbox.SharedSandbox;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Alerts on the command line against the shared sandbox (read-only use). A workspace copy with a connection
 * threshold of 1 and no grace period makes every member alert at once: Patroni and the monitor itself are connected.
 */
@Tag("servers")
class AlertsCommandSandboxTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private Path workspaceWithAlerts(Path dir) throws Exception {
        SandboxInfo sandbox = SharedSandbox.get();
        Path file = dir.resolve("workspace.yaml");
        Files.writeString(file, Files.readString(sandbox.workspaceFile())
                + "alerts:\n  connections: 1\n  connectionsForSeconds: 0\n");
        return file;
    }

    @Test
    void snapshotJsonCarriesTheActiveAlertsOfEveryCluster(@TempDir Path dir) throws Exception {
        SandboxInfo sandbox = SharedSandbox.get();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true),
                "snapshot", "--workspace", workspaceWithAlerts(dir).toString(), "--json");
        assertThat(code).as(err.toString()).isZero();

        JsonNode cluster = Json.mapper().readTree(out.toString()).path("clusters").get(0);
        JsonNode alerts = cluster.path("alerts");
        assertThat(alerts.isArray()).as(cluster.toString()).isTrue();
        List<String> members = new ArrayList<>();
        for (JsonNode a : alerts) {
            for (String field : List.of("id", "severity", "rule", "member", "message", "since")) {
                assertThat(a.has(field)).as(field + " in " + a).isTrue();
            }
            if (a.path("rule").asText().equals("connections-high")) {
                assertThat(a.path("severity").asText()).isEqualTo("warning");
                assertThat(a.path("message").asText()).contains("client connections").contains("above 1");
                members.add(a.path("member").asText());
            }
        }
        assertThat(members).containsExactlyInAnyOrderElementsOf(
                sandbox.members().stream().map(SandboxInfo.Member::name).toList());
    }

    @Test
    void watchJsonPrintsAlertRaisedLines(@TempDir Path dir) throws Exception {
        Path workspace = workspaceWithAlerts(dir);
        ExecutorService runner = Executors.newSingleThreadExecutor();
        StringBuffer seen = new StringBuffer();
        PrintWriter sink = new PrintWriter(new java.io.Writer() {
            @Override
            public void write(char[] buf, int off, int len) {
                seen.append(buf, off, len);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        }, true);
        Future<Integer> watch = runner.submit(() -> Main.run(sink, new PrintWriter(err, true),
                "watch", "--workspace", workspace.toString(), "--json"));
        try {
            Await.until(Duration.ofSeconds(60), "an ALERT_RAISED line from watch --json", seen::toString,
                    text -> text.contains("\"ALERT_RAISED\"") || watch.isDone());
        } finally {
            watch.cancel(true);
            runner.shutdownNow();
        }
        String line = seen.toString().lines().filter(l -> l.contains("\"ALERT_RAISED\"")).findFirst()
                .orElseThrow(() -> new AssertionError("no ALERT_RAISED line in " + seen + err));
        JsonNode json = Json.mapper().readTree(line);
        for (String field : List.of("time", "type", "source", "scope", "member", "id", "severity", "rule",
                "message", "since")) {
            assertThat(json.has(field)).as(field + " in " + line).isTrue();
        }
        assertThat(json.path("rule").asText()).isEqualTo("connections-high");
    }

    @Test
    void screenshotRendersTheAlertsTab(@TempDir Path dir) throws Exception {
        Path png = Path.of(System.getProperty("app.shots.dir", dir.toString())).resolve("alerts-live.png");
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), "screenshot", "--view", "alerts",
                "--workspace", workspaceWithAlerts(dir).toString(), "--out", png.toString(), "--size", "1400x800");
        assertThat(code).as(err.toString()).isZero();
        assertThat(Files.size(png)).isGreaterThan(10_000);
    }
}
