package io.pilothouse.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilothouse.app.json.Json;
import io.pilothouse.services.sandbox.OwnSandbox;
import io.pilothouse.services.sandbox.SandboxInfo;
import io.pilothouse.services.sandbox.SandboxRest;
import io.pilothouse.services.testing.Await;
import io.pilothouse.services.testing.Closing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A switchover on a real four-member sandbox whose last member is tagged {@code replicatefrom: node2}
 * ({@code sandbox up --cascade}), through picocli as a user runs it: the cascade keeps streaming from node2, the
 * verification says so and ends far below its 60 s bound (exit 0); then, with the cascading member frozen, the
 * verification cannot hold, names the failed line and the command exits 1 ("outcome uncertain"), never 0.
 */
@Tag("servers")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CascadeVerificationCommandSandboxTest {

    private static final Duration SETTLE = Duration.ofSeconds(120);

    @TempDir
    static Path work;

    private static OwnSandbox own;
    private static SandboxInfo sandbox;
    private static AuditLogProperty auditProperty;

    private final CommandRun cli = new CommandRun();

    @BeforeAll
    static void start() {
        own = OwnSandbox.start("verify-cascade-", s -> s.withMembers(4).withScope("casc").withCascade(true));
        sandbox = own.info();
        auditProperty = AuditLogProperty.pointAt(work.resolve("audit.jsonl"));
    }

    @AfterAll
    static void stop() {
        Closing.inOrder(auditProperty, own);
    }

    private int run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--workspace", sandbox.workspaceFile().toString(), "--cluster", "casc", "--yes",
                "--json"));
        return cli.run(all.toArray(String[]::new));
    }

    @Test
    @Order(1)
    void cascadeKeepsItsUpstreamAndTheVerificationPassesFarBelowItsBound() throws Exception {
        String leader = awaitSettledCascade();
        String candidate = ordinaryReplica(leader);
        // A fresh session on a loaded machine may not see every source live at once: wait for a clean dry run.
        Await.until(SETTLE, "a dry run with eligible candidates", () -> run("switchover", "--dry-run"), s -> s == 0);
        assertThat(Json.mapper().readTree(cli.out()).path("candidates").findValuesAsText("candidate"))
                .containsExactlyInAnyOrder(sandbox.members().stream().map(SandboxInfo.Member::name)
                        .filter(n -> !n.equals(leader)).toArray(String[]::new));
        long t0 = System.nanoTime();
        int status = run("switchover", "--to", candidate);
        long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
        assertThat(status).as(cli.out() + "\n" + cli.err()).isZero();
        JsonNode report = Json.mapper().readTree(cli.out());
        assertThat(report.path("outcome").asText()).isEqualTo("completed");
        JsonNode cascade = item(report, "cascade");
        assertThat(cascade.path("verdict").asText()).as(cascade.toString()).isEqualTo("pass");
        assertThat(cascade.path("detail").asText()).startsWith("node4 from node2 (replicatefrom node2, which is up)");
        assertThat(item(report, "replicas").path("verdict").asText()).isEqualTo("pass");
        long totalMs = report.path("totalMs").asLong();
        assertThat(totalMs).as("the whole operation, verification included").isLessThan(30_000);
        System.out.printf("cascade switchover %s -> %s: report total %d ms, command %d s%n", leader, candidate,
                totalMs, seconds);
    }

    @Test
    @Order(2)
    void aVerificationLineThatCannotHoldExitsOneAndNamesTheLine() throws Exception {
        String leader = awaitSettledCascade();
        String candidate = ordinaryReplica(leader);
        // A frozen member keeps its member key for the TTL: make that outlast the run, so node4 stays a member whose
        // timeline cannot move — the cascade line cannot hold.
        patchConfig("{\"ttl\": 90}");
        own.launcher().stopMember(own.dir(), "node4");
        int status;
        try {
            // Long enough for the cluster's timeline to move under load (5 s was not, once): the frozen node4 then
            // stays behind on the old timeline, so the cascade line fails while the other lines can pass.
            status = run("switchover", "--to", candidate, "--verify-timeout", "20");
        } finally {
            own.launcher().continueMember(own.dir(), "node4");
            patchConfig("{\"ttl\": 20}");
        }
        assertThat(status).as(cli.out() + "\n" + cli.err()).isEqualTo(1);
        JsonNode report = Json.mapper().readTree(cli.out());
        assertThat(report.path("outcome").asText()).isEqualTo("uncertain");
        assertThat(report.path("newLeader").asText()).isEqualTo(candidate);
        assertThat(report.path("summary").asText()).startsWith("outcome uncertain: " + candidate
                + " is the leader of casc, but verification did not pass within 20 s of the leader change: ")
                .contains("cascade (Cascading replicas stream from their configured upstream): node4: ");
        JsonNode cascade = item(report, "cascade");
        assertThat(cascade.path("verdict").asText()).isEqualTo("fail");
        // Frozen, node4 cannot move to the new timeline (its member key keeps the old one).
        assertThat(cascade.path("detail").asText()).startsWith("node4: ").endsWith("(replicatefrom node2, which is up)");
        assertThat(cli.err()).containsPattern("stopped watching 20 s after the leader change; failed: .*cascade");
        awaitSettledCascade();
    }

    private static JsonNode item(JsonNode report, String id) {
        for (JsonNode v : report.path("verification")) {
            if (v.path("id").asText().equals(id)) {
                return v;
            }
        }
        throw new AssertionError("no verification line " + id + " in " + report.path("verification"));
    }

    /** The member that is neither the leader, nor the cascade's upstream node2, nor the cascade node4. */
    private static String ordinaryReplica(String leader) {
        return sandbox.members().stream().map(SandboxInfo.Member::name)
                .filter(n -> !Set.of(leader, "node2", "node4").contains(n)).findFirst().orElseThrow();
    }

    /**
     * Waits until a leader runs, every member runs on its timeline, node4 streams from node2 and the other two from
     * the leader (each as listed by its sender's {@code GET /patroni}).
     */
    private static String awaitSettledCascade() {
        return Await.until(SETTLE, "a settled cascade (node4 streaming from node2)",
                CascadeVerificationCommandSandboxTest::cascadeState, s -> s.leader() != null).leader();
    }

    /** What the cluster looks like now: the leader when the cascade is settled, otherwise why it is not. */
    private record CascadeState(String leader, String notYet) {
        static CascadeState waiting(String why) {
            return new CascadeState(null, why);
        }
    }

    private static CascadeState cascadeState() {
        JsonNode cluster = SandboxRest.cluster(sandbox).orElse(null);
        String leader = SandboxRest.leader(sandbox).orElse(null);
        if (cluster == null || leader == null) {
            return CascadeState.waiting("no cluster or no leader");
        }
        long timeline = -1;
        for (JsonNode m : cluster.path("members")) {
            if (m.path("name").asText().equals(leader)) {
                timeline = m.path("timeline").asLong();
            }
        }
        for (JsonNode m : cluster.path("members")) {
            if (!m.path("state").asText().matches("running|streaming") || m.path("timeline").asLong() != timeline) {
                return CascadeState.waiting("not all members run on timeline " + timeline + ": " + cluster);
            }
        }
        List<String> fromLeader = streamingFrom(leader);
        List<String> fromNode2 = streamingFrom("node2");
        boolean ok = cluster.path("members").size() == 4 && fromNode2.equals(List.of("node4"))
                && fromLeader.size() == 2 && !fromLeader.contains("node4");
        return ok ? new CascadeState(leader, null) : CascadeState.waiting("leader " + leader + " streams to "
                + fromLeader + ", node2 to " + fromNode2);
    }

    private static List<String> streamingFrom(String member) {
        List<String> names = new ArrayList<>();
        SandboxRest.get(sandbox.requireMember(member).restUrl(), "/patroni").ifPresent(status ->
                status.path("replication").forEach(r -> {
                    if (r.path("state").asText().equals("streaming")) {
                        names.add(r.path("application_name").asText());
                    }
                }));
        names.sort(String::compareTo);
        return names;
    }

    private static void patchConfig(String json) throws Exception {
        String url = sandbox.requireMember(SandboxRest.leader(sandbox).orElseThrow()).restUrl() + "/config";
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
}
