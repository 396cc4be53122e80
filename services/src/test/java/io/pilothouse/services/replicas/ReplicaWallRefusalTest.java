package io.pilothouse.services.replicas;

import io.pilothouse.services.hosts.CommandResult;
import io.pilothouse.services.hosts.HostShell;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.policy.AuditOutcome;
import io.pilothouse.services.policy.AuditRecord;
import io.pilothouse.services.policy.MutationGate;
import io.pilothouse.services.policy.OperationGuard;
import io.pilothouse.services.policy.ReadOnlyWorkspaceException;
import io.pilothouse.services.policy.SessionKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Adding and removing a replica on a wall session (workspace read-write): the shared guard refuses both before any
 * command runs on the target host (only the {@code id -u} of building the host handle ran) and audits the refusal.
 */
class ReplicaWallRefusalTest {

    private final List<AuditRecord> audited = new CopyOnWriteArrayList<>();
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final OperationGuard guard = OperationGuard.locking(new MutationGate(SessionKind.WALL, false,
            audited::add), c -> {
                throw new AssertionError("a wall session must not take an operation lock");
            });
    private final ClusterSnapshot cluster = ClusterSnapshot.builder("demo", "demo").leader("node1")
            .observedAt(Instant.now()).build();

    @Test
    void addingAReplicaIsRefused() throws Exception {
        TargetHost host = TargetHost.on(shell(), "postgres");
        ReplicaRequest request = new ReplicaRequest("127.0.0.1", Optional.empty(), 5440, "/tmp/wall/node4", "node4",
                Optional.empty(), Map.of(), "replicator", "postgres", Optional.empty(), 0, Optional.empty());
        ReplicaPreview preview = new ReplicaPreview(cluster, request, true,
                new UpstreamMember("node1", "127.0.0.1", 5432), host.describe(), List.of(), List.of(), "");

        assertThatThrownBy(() -> new ReplicaService(guard, null, scope -> Optional.empty(), null)
                .add(preview, host, line -> commands.add("progress " + line)))
                .isInstanceOf(ReadOnlyWorkspaceException.class).hasMessageContaining("wall session");
        assertRefused("replica-add");
    }

    @Test
    void removingAReplicaIsRefused() throws Exception {
        TargetHost host = TargetHost.on(shell(), "postgres");
        RemovalPreview preview = new RemovalPreview(cluster, "node3", true, host.describe(), List.of(), List.of());

        assertThatThrownBy(() -> new ReplicaRemoval(guard, null, null)
                .remove(preview, host, line -> commands.add("progress " + line)))
                .isInstanceOf(ReadOnlyWorkspaceException.class).hasMessageContaining("wall session");
        assertRefused("replica-remove");
    }

    private void assertRefused(String action) {
        assertThat(audited).singleElement().satisfies(r -> {
            assertThat(r.action()).isEqualTo(action);
            assertThat(r.outcome()).isEqualTo(AuditOutcome.REFUSED);
        });
        assertThat(commands).containsExactly("id -u");
    }

    private HostShell shell() {
        return new HostShell() {
            @Override
            public CommandResult run(List<String> argv, Duration timeout) {
                commands.add(String.join(" ", argv));
                return new CommandResult(0, "1000\n", "");
            }

            @Override
            public void writeFile(String path, byte[] content, int mode) {
                commands.add("write " + path);
            }

            @Override
            public String describe() {
                return "a recording shell";
            }

            @Override
            public boolean isLocal() {
                return true;
            }

            @Override
            public void close() {
            }
        };
    }
}
