package io.pilothouse.services.live;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.EstateSnapshot;
import io.pilothouse.services.model.Freshness;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.model.MemberRole;
import io.pilothouse.services.model.SourceKind;
import io.pilothouse.services.sandbox.SandboxInfo;
import io.pilothouse.services.sandbox.SharedSandbox;
import io.pilothouse.services.sandbox.estate.EstatePlan;
import io.pilothouse.services.sandbox.estate.EstateSimulator;
import io.pilothouse.services.testing.Await;
import io.pilothouse.services.workspace.Workspace;
import io.pilothouse.services.workspace.WorkspaceLoader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The estate simulator ({@code sandbox estate}) writes Patroni-shaped clusters into the shared sandbox's real etcd,
 * under a namespace of its own so the sandbox's cluster is untouched, and the live model reads them back as Patroni 3
 * and 4 clusters: leaders, roles, quorum and sync standbys, lag, the simulated tag, and REST that honestly does not
 * answer. Then a few seconds of changes must reach the model.
 */
@Tag("servers")
class SimulatedEstateSandboxTest {

    @Test
    void theLiveModelReadsASimulatedEstateAndFollowsItsChanges(@TempDir Path dir) throws Exception {
        SandboxInfo sandbox = SharedSandbox.get();
        String namespace = "/estate-test-" + Long.toHexString(System.nanoTime()) + "/";
        EstatePlan plan = new EstatePlan(sandbox.etcdUrl(), namespace, 6, 3, 0, 7);
        Path file = dir.resolve("workspace.yaml");
        Files.writeString(file, "name: simulated\nreadOnly: true\nsources:\n  - name: estate\n    etcd:\n"
                + "      endpoints: [\"" + sandbox.etcdUrl() + "\"]\n      namespace: \"" + namespace + "\"\n");
        Workspace workspace = new WorkspaceLoader().load(file);
        Map<String, String> leaderAfterChange = new ConcurrentHashMap<>();
        try (EstateSimulator simulator = new EstateSimulator(plan)) {
            simulator.onChange((scope, kind, leader, start) -> {
                if (kind.equals("leader")) {
                    leaderAfterChange.put(scope, leader);
                }
            });
            simulator.start();
            // Not LiveModel.on: it waits for every member to have answered REST once, which these never do.
            try (LiveExecutors executors = LiveExecutors.create();
                 EstateMonitor monitor = new EstateMonitor(workspace, executors, LiveSettings.DEFAULTS,
                         io.pilothouse.services.postgres.PasswordLookup.through(LiveModel.pgpassResolver()),
                         java.time.Clock.systemUTC())) {
                monitor.start();
                follow(plan, simulator, monitor, leaderAfterChange);
            }
        }
        // Stopping deletes every simulated key: the shared sandbox's etcd is left as it was.
    }

    private static void follow(EstatePlan plan, EstateSimulator simulator, EstateMonitor live,
                               Map<String, String> leaderAfterChange) {
        EstateSnapshot estate = Await.until(Duration.ofSeconds(30), "six simulated clusters with leaders",
                () -> live.feed().latest(), e -> e.clusters().size() == 6
                        && e.clusters().stream().allMatch(c -> c.leader() != null || c.members().size() < 3));
        ClusterSnapshot patroni4 = estate.cluster("estate", plan.scope(0)).orElseThrow();
        ClusterSnapshot patroni3 = estate.cluster("estate", plan.scope(1)).orElseThrow();
        assertThat(patroni4.members()).extracting(Member::patroniVersion).containsOnly("4.0.7");
        assertThat(patroni3.members()).extracting(Member::patroniVersion).containsOnly("3.0.2");
        assertThat(patroni4.members()).extracting(m -> m.tags().get("simulated")).containsOnly("no REST/SQL");
        assertThat(patroni3.members()).filteredOn(m -> m.role() == MemberRole.SYNC_STANDBY).hasSize(1);
        // The leader key's lease is read on etcd's tick, after the keys themselves.
        Await.until(Duration.ofSeconds(10), "the leader lease read",
                () -> live.feed().latest().cluster("estate", plan.scope(0)).orElseThrow(),
                c -> c.leaderLeaseSecondsLeft() != null && c.leaderLeaseSecondsLeft() > 0);

        // Nothing listens where the simulated members' REST APIs are: the model says so, it does not pretend.
        ClusterSnapshot unreachable = Await.until(Duration.ofSeconds(20), "REST marked unreachable",
                () -> live.feed().latest().cluster("estate", plan.scope(0)).orElseThrow(),
                c -> c.sources().containsKey(SourceKind.PATRONI_REST)
                        && c.sources().get(SourceKind.PATRONI_REST).freshness() == Freshness.UNREACHABLE
                        && String.valueOf(c.sources().get(SourceKind.PATRONI_REST).lastError()).contains("refused"));
        assertThat(unreachable.members()).allMatch(m -> m.freshness() != Freshness.LIVE);

        simulator.startChanges(20);
        // Changes at 20/s: within a few seconds some cluster changes leader, and the model shows the new one.
        Map.Entry<String, String> changed = Await.until(Duration.ofSeconds(20), "a simulated leader change",
                () -> leaderAfterChange.entrySet().stream().findFirst().orElse(null), e -> e != null);
        Await.until(Duration.ofSeconds(10), "the model following " + changed,
                () -> live.feed().latest().cluster("estate", changed.getKey()).orElseThrow(),
                c -> leaderAfterChange.get(changed.getKey()).equals(c.leader()));
    }
}
