package io.pilothouse.services.replicas;

import io.pilothouse.services.hosts.LocalShell;
import io.pilothouse.services.model.ClusterSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A Patroni that exited fails the follow within seconds with its log, not after the 30-minute wait. */
class PatroniMemberFollowTest {

    @TempDir
    Path dir;

    @Test
    void aPatroniThatExitedBeforeRegisteringFailsTheStepWithTheEndOfItsLog() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path pidFile = Files.writeString(dir.resolve("patroni.pid"), gone.pid() + "\n");
        Path log = Files.writeString(dir.resolve("patroni.log"), "INFO: starting\n"
                + "FATAL: Can not find suitable configuration of distributed configuration store\n");
        ClusterSnapshot cluster = ClusterSnapshot.builder("src", "demo").members(List.of()).sources(Map.of())
                .observedAt(Instant.EPOCH).build();
        PatroniMembers stillWithoutIt = new PatroniMembers() {
            @Override
            public Optional<Dcs> dcs(ClusterSnapshot c) {
                return Optional.empty();
            }

            @Override
            public Optional<ClusterSnapshot> latest(ClusterSnapshot c) {
                return Optional.of(cluster);
            }

            @Override
            public boolean deleteMemberKey(ClusterSnapshot c, String member) {
                return false;
            }
        };
        TargetHost host = TargetHost.on(new LocalShell(), System.getProperty("user.name"));
        PatroniMemberFollow follow = new PatroniMemberFollow(cluster, "node4", stillWithoutIt, host,
                pidFile.toString(), log.toString());
        List<String> progress = new ArrayList<>();

        long start = System.nanoTime();
        assertThatThrownBy(() -> follow.await(progress::add)).isInstanceOf(PlanRunner.StepFailedException.class)
                .hasMessageContaining("Patroni exited on the target before node4 streamed")
                .hasMessageContaining("Can not find suitable configuration");
        assertThat((System.nanoTime() - start) / 1_000_000_000L).as("seconds, not the whole wait").isLessThan(30);
        assertThat(progress).containsExactly("   node4: not registered yet");
        assertThat(follow.describe()).contains("kill -0", "tail -n 5 -- " + log);
    }
}
