package io.pilothouse.services.switchover;

import io.pilothouse.services.live.LiveModel;
import io.pilothouse.services.live.LiveSettings;
import io.pilothouse.services.live.WorkspacePatroniAuth;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.patroni.PatroniAuthLookup;
import io.pilothouse.services.policy.AuditSink;
import io.pilothouse.services.policy.MutationGate;
import io.pilothouse.services.policy.OperationGuard;
import io.pilothouse.services.sandbox.OwnSandbox;
import io.pilothouse.services.sandbox.SandboxInfo;
import io.pilothouse.services.sandbox.SandboxRest;
import io.pilothouse.services.testing.Await;
import io.pilothouse.services.testing.Closing;
import io.pilothouse.services.workspace.SourceConfig;
import io.pilothouse.services.workspace.Workspace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Patroni with {@code restapi.authentication} turned on for real (member config + reload): a switchover without
 * credentials is refused by Patroni (401) and explained; with the workspace's {@code patroniUser} and the password
 * from pgpass (database {@code patroni}) it goes through.
 */
@Tag("servers")
class PatroniRestAuthSandboxTest {

    private static final String USER = "pilothouse_ops";
    private static final String SECRET = "Rest3Secret9Word";
    private static OwnSandbox own;
    private static SandboxInfo sandbox;
    private static Workspace workspace;
    private static LiveModel live;

    @BeforeAll
    static void start() throws Exception {
        own = OwnSandbox.start("pilothouse-restauth-", s -> s.withMembers(2).withScope("auth"));
        sandbox = own.info();
        for (SandboxInfo.Member m : sandbox.members()) {
            Path yml = m.dataDir().getParent().resolve("patroni.yml");
            String text = Files.readString(yml);
            Files.writeString(yml, text.replaceFirst("restapi:\\n", "restapi:\n  authentication:\n    username: "
                    + USER + "\n    password: " + SECRET + "\n"));
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(m.restUrl()
                    + "/reload")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(202);
        }
        // The REST password goes where the user's PostgreSQL passwords are: pgpass, database "patroni".
        Files.writeString(sandbox.passfile(), "127.0.0.1:*:" + WorkspacePatroniAuth.DATABASE + ":" + USER + ":"
                + SECRET + "\n", StandardOpenOption.APPEND);
        Workspace loaded = own.workspace();
        SourceConfig s = loaded.sources().get(0);
        workspace = Workspace.builder(loaded.name()).sources(List.of(new SourceConfig(s.name(), s.etcd(), s.patroni(),
                s.postgres(), s.nodes(), s.writeEndpoint(), USER))).build();
        live = LiveModel.on(workspace);
        // Unsafe endpoints now want the password: a bare POST is refused.
        String leaderUrl = sandbox.requireMember(SandboxRest.leader(sandbox).orElseThrow()).restUrl();
        Await.until(Duration.ofSeconds(20), "restapi authentication in force", () -> post(leaderUrl + "/reload"),
                status -> status == 401);
    }

    @AfterAll
    static void stop() {
        Closing.inOrder(live, own);
    }

    private static int post(String url) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static SwitchoverService service(PatroniAuthLookup auth) {
        return Switchovers.on(live.monitor(), live.executors(), LiveSettings.DEFAULTS,
                OperationGuard.gateOnly(new MutationGate(false, AuditSink.NONE)), auth,
                new SwitchoverSettings(Duration.ofSeconds(5), Duration.ofSeconds(40), Duration.ofSeconds(90),
                        Duration.ofMillis(50)));
    }

    private static ClusterSnapshot healthy() {
        return live.awaitHealthy("auth", 2, Duration.ofSeconds(90), "a healthy cluster");
    }

    @Test
    void withoutCredentialsPatroniRefusesAndTheReportSaysWhatToDoThenWithThemItSwitchesOver() throws Exception {
        ClusterSnapshot before = healthy();
        String candidate = before.members().stream().map(Member::name).filter(n -> !n.equals(before.leader()))
                .findFirst().orElseThrow();
        SwitchoverRequest request = new SwitchoverRequest(OperationKind.SWITCHOVER, before.source(), "auth",
                candidate, null);

        SwitchoverReport refused = service(PatroniAuthLookup.NONE).run(request, s -> { });
        assertThat(refused.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(refused.summary()).contains("refused the credentials (HTTP 401)");
        assertThat(live.monitor().feed().latest().cluster(before.source(), "auth").orElseThrow().leader())
                .isEqualTo(before.leader());

        SwitchoverReport done = service(new WorkspacePatroniAuth(workspace, live.monitor().feed()::latest,
                LiveModel.pgpassResolver()))
                .run(request, s -> { });
        assertThat(done.outcome()).as(done.summary()).isEqualTo(Outcome.COMPLETED);
        assertThat(done.newLeader()).isEqualTo(candidate);
    }
}
