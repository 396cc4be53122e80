package io.pilothouse.app.e2e;

import io.pilothouse.app.wiring.AuditLogs;
import io.pilothouse.app.wiring.LiveSession;
import io.pilothouse.app.wiring.SessionHistory;
import io.pilothouse.services.history.Notifier;
import io.pilothouse.services.live.LiveSettings;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.operations.OperationTimeouts;
import io.pilothouse.services.policy.ReadOnlyWorkspaceException;
import io.pilothouse.services.policy.SessionKind;
import io.pilothouse.services.sandbox.SandboxInfo;
import io.pilothouse.services.sandbox.SharedSandbox;
import io.pilothouse.services.switchover.OperationKind;
import io.pilothouse.services.switchover.SwitchoverRequest;
import io.pilothouse.services.workspace.Workspace;
import io.pilothouse.services.workspace.WorkspaceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A wall session on the shared sandbox (read-only use: nothing is changed): the workspace says read-write, yet its
 * switchover, failover and pause are refused in services, audited as refused, and the leader stays where it was.
 */
@Tag("servers")
class WallSessionSandboxTest {

    @TempDir
    Path dir;

    @AfterEach
    void forgetAuditLog() {
        System.clearProperty(AuditLogs.PROPERTY);
    }

    @Test
    void aSwitchoverOnAWallSessionIsRefusedAndTheLeaderStays() throws Exception {
        Path audit = dir.resolve("audit.jsonl");
        System.setProperty(AuditLogs.PROPERTY, audit.toString());
        SandboxInfo sandbox = SharedSandbox.get();
        Workspace workspace = new WorkspaceLoader().load(sandbox.workspaceFile());
        assertThat(workspace.readOnly()).as("the sandbox's workspace is read-write").isFalse();

        try (LiveSession wall = LiveSession.prepare(workspace, LiveSettings.DEFAULTS, Notifier.NONE, e -> { },
                SessionHistory.Mode.OFF, SessionKind.WALL)) {
            wall.beginOneShot();
            assertThat(wall.awaitSettled(Duration.ofSeconds(30))).isTrue();
            ClusterSnapshot cluster = wall.feed().latest().clusters().get(0);
            String leader = cluster.leader();
            String candidate = cluster.members().stream().map(Member::name).filter(n -> !n.equals(leader))
                    .findFirst().orElseThrow();

            assertThat(wall.guard().isReadOnly()).isTrue();
            for (OperationKind kind : OperationKind.values()) {
                assertThatThrownBy(() -> wall.switchovers().run(new SwitchoverRequest(kind, cluster.source(),
                        cluster.scope(), candidate, null), step -> { }))
                        .isInstanceOf(ReadOnlyWorkspaceException.class).hasMessageContaining("wall session");
            }
            assertThatThrownBy(() -> wall.operations(OperationTimeouts.DEFAULTS).pause(cluster, line -> { }))
                    .isInstanceOf(ReadOnlyWorkspaceException.class);

            // Patroni itself still names the same leader, and no pause was set.
            com.fasterxml.jackson.databind.JsonNode patroni = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(get(sandbox.requireMember(leader).restUrl() + "/patroni"));
            assertThat(patroni.path("role").asText()).isIn("master", "primary");
            assertThat(patroni.path("pause").asBoolean(false)).isFalse();
        }
        String log = Files.readString(audit);
        assertThat(log).contains("\"action\":\"switchover\"").contains("\"action\":\"failover\"")
                .contains("\"action\":\"pause\"").contains("wall session").doesNotContain("\"outcome\":\"ok\"");
    }

    private static String get(String url) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
