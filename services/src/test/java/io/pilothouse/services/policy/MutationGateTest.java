package io.pilothouse.services.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MutationGateTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:15:30Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final MutationRequest SWITCHOVER = new MutationRequest("switchover", "demo/pg-main", "node2",
            Map.of("leader", "node1", "candidate", "node2"));

    @TempDir
    Path dir;

    private final List<AuditRecord> recorded = new CopyOnWriteArrayList<>();
    private final AuditSink memory = recorded::add;

    @Test
    void readOnlyWorkspaceRefusesWithoutRunningTheAction() {
        MutationGate gate = new MutationGate(true, memory, CLOCK, "ana");
        AtomicBoolean ran = new AtomicBoolean();

        assertThatThrownBy(() -> gate.run(SWITCHOVER, () -> ran.getAndSet(true)))
                .isInstanceOf(ReadOnlyWorkspaceException.class)
                .hasMessage("switchover on node2 refused: the workspace is read-only");
        assertThat(ran).isFalse();
    }

    @Test
    void refusalIsAudited() {
        MutationGate gate = new MutationGate(true, memory, CLOCK, "ana");

        assertThatThrownBy(() -> gate.run(SWITCHOVER, () -> null)).isInstanceOf(ReadOnlyWorkspaceException.class);

        assertThat(recorded).containsExactly(new AuditRecord(NOW, "ana", "switchover", "demo/pg-main", "node2",
                Map.of("candidate", "node2", "leader", "node1"), AuditOutcome.REFUSED,
                "the workspace is read-only", 0));
    }

    @Test
    void writableWorkspaceRunsTheActionAndAuditsOkWithItsDuration() throws Exception {
        MutationGate gate = new MutationGate(false, memory, CLOCK, "ana");

        String result = gate.run(SWITCHOVER, () -> {
            long until = System.nanoTime() + Duration.ofMillis(30).toNanos();
            while (System.nanoTime() < until) {
                LockSupport.parkNanos(until - System.nanoTime());
            }
            return "switched";
        });

        assertThat(result).isEqualTo("switched");
        assertThat(recorded).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(AuditOutcome.OK);
            assertThat(r.message()).isNull();
            assertThat(r.durationMs()).isBetween(30L, 10_000L);
            assertThat(r.time()).isEqualTo(NOW);
            assertThat(r.user()).isEqualTo("ana");
        });
    }

    @Test
    void failingActionIsAuditedAsFailedAndItsExceptionRethrownUnchanged() {
        MutationGate gate = new MutationGate(false, memory, CLOCK, "ana");
        IllegalStateException boom = new IllegalStateException("no candidate is healthy");

        assertThatThrownBy(() -> gate.run(SWITCHOVER, () -> {
            throw boom;
        })).isSameAs(boom);

        assertThat(recorded).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(AuditOutcome.FAILED);
            assertThat(r.message()).isEqualTo("IllegalStateException: no candidate is healthy");
        });
    }

    @Test
    void unwritableAuditLogRefusesTheMutationBeforeItRuns() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
        MutationGate gate = new MutationGate(false, new JsonLinesAuditLog(notADirectory.resolve("audit.jsonl")));
        AtomicBoolean ran = new AtomicBoolean();

        assertThatThrownBy(() -> gate.run(SWITCHOVER, () -> ran.getAndSet(true)))
                .isInstanceOf(MutationRefusedException.class)
                .isNotInstanceOf(ReadOnlyWorkspaceException.class)
                .hasMessageStartingWith("switchover on node2 refused: the audit log cannot be written");
        assertThat(ran).isFalse();
    }

    @Test
    void auditFailureAfterTheActionDoesNotHideItsResult() throws Exception {
        AuditSink failing = r -> {
            throw new AuditException("disk full", null);
        };
        MutationGate gate = new MutationGate(false, failing, CLOCK, "ana");

        assertThat(gate.run(SWITCHOVER, () -> 42)).isEqualTo(42);
    }

    @Test
    void refusalLandsInARealAuditLogThatVerifies() {
        JsonLinesAuditLog log = new JsonLinesAuditLog(dir.resolve("state/audit.jsonl"));
        MutationGate gate = new MutationGate(true, log, CLOCK, "ana");

        assertThatThrownBy(() -> gate.run(MutationRequest.of("restart", "demo/pg-main", "node1"), () -> null))
                .isInstanceOf(ReadOnlyWorkspaceException.class);

        assertThat(log.verify().intact()).isTrue();
        assertThat(log.verify().records()).isEqualTo(1);
        assertThat(log.file()).content().contains("\"outcome\":\"refused\"").contains("\"action\":\"restart\"");
    }

    @Test
    void requestsRejectParametersThatLookLikeSecrets() {
        assertThatThrownBy(() -> new MutationRequest("create-role", "demo/pg-main", "app",
                Map.of("password", "hunter2")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parameter 'password'")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void evidenceFromTheTrailIsRecordedWhateverTheOutcome() {
        MutationGate gate = new MutationGate(false, memory, CLOCK, "ana");

        assertThatThrownBy(() -> gate.run(SWITCHOVER, trail -> {
            trail.check("candidate.lag", "fail", "12 MB behind");
            throw new MutationRefusedException(SWITCHOVER, "node2 is 12 MB behind", null);
        })).isInstanceOf(MutationRefusedException.class);
        assertThatThrownBy(() -> gate.run(SWITCHOVER, trail -> {
            trail.response("POST /switchover -> 503 Switchover failed");
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(recorded).hasSize(2);
        assertThat(recorded.get(0).outcome()).isEqualTo(AuditOutcome.REFUSED);
        assertThat(recorded.get(0).checks()).containsExactly("candidate.lag fail: 12 MB behind");
        assertThat(recorded.get(0).message()).isEqualTo("node2 is 12 MB behind");
        assertThat(recorded.get(1).outcome()).isEqualTo(AuditOutcome.FAILED);
        assertThat(recorded.get(1).responses()).containsExactly("POST /switchover -> 503 Switchover failed");
    }

    @Test
    void evidenceIsPartOfTheHashedLine() throws Exception {
        JsonLinesAuditLog log = new JsonLinesAuditLog(dir.resolve("audit.jsonl"));
        MutationGate gate = new MutationGate(false, log, CLOCK, "ana");

        gate.run(SWITCHOVER, trail -> {
            trail.check("etcd.reachable", "pass", null);
            trail.result("writeUnavailableMs", "840");
            return null;
        });

        String line = Files.readString(log.file());
        assertThat(line).contains("\"checks\":[\"etcd.reachable pass\"]")
                .contains("\"results\":{\"writeUnavailableMs\":\"840\"}");
        assertThat(log.verify().intact()).isTrue();
        Files.writeString(log.file(), line.replace("840", "84"));
        assertThat(log.verify().intact()).isFalse();
    }
}
