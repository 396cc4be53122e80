package io.pilothouse.services.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditLogReaderTest {

    private static final Instant T0 = Instant.parse("2026-11-20T10:15:30Z");

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("audit.jsonl");
    }

    /** Three records written the way the app writes them: through the gate, one with evidence, one failed. */
    private JsonLinesAuditLog writeThree() throws Exception {
        JsonLinesAuditLog log = new JsonLinesAuditLog(file());
        MutationGate gate = new MutationGate(false, log, Clock.fixed(T0, ZoneOffset.UTC), "ana");
        gate.run(new MutationRequest("switchover", "demo/pg-main", "node2", Map.of("candidate", "node2")), trail -> {
            trail.check("lag.bytes", "pass", "0 B behind");
            trail.check("members.streaming", "pass", null);
            trail.response("POST http://10.0.0.1:8008/switchover → 200 Successfully switched over to \"node2\"");
            trail.result("writeUnavailableMs", "840");
            trail.result("newLeader", "node2");
            return null;
        });
        gate.run(MutationRequest.of("pause", "demo/pg-main", "cluster"), () -> null);
        try {
            gate.run(MutationRequest.of("restart", "demo/pg-other", "node1"), () -> {
                throw new IllegalStateException("Patroni answered 503");
            });
        } catch (IllegalStateException expected) {
            // audited as failed
        }
        return log;
    }

    @Test
    void readsEveryRecordBackWithItsEvidenceSeqAndHash() throws Exception {
        AuditLogContents contents = writeThree().read();

        assertThat(contents.damaged()).isEmpty();
        assertThat(contents.entries()).extracting(AuditEntry::seq).containsExactly(1L, 2L, 3L);
        assertThat(contents.entries()).extracting(AuditEntry::line).containsExactly(1, 2, 3);
        assertThat(contents.entries()).allSatisfy(e -> assertThat(e.hash()).hasSize(64));
        AuditRecord first = contents.entries().get(0).record();
        assertThat(first.time()).isEqualTo(T0);
        assertThat(first.user()).isEqualTo("ana");
        assertThat(first.action()).isEqualTo("switchover");
        assertThat(first.cluster()).isEqualTo("demo/pg-main");
        assertThat(first.target()).isEqualTo("node2");
        assertThat(first.parameters()).containsExactly(Map.entry("candidate", "node2"));
        assertThat(first.outcome()).isEqualTo(AuditOutcome.OK);
        assertThat(first.message()).isNull();
        assertThat(first.checks()).containsExactly("lag.bytes pass: 0 B behind", "members.streaming pass");
        assertThat(first.responses()).singleElement().asString().contains("→ 200 Successfully switched over");
        assertThat(first.results()).containsEntry("writeUnavailableMs", "840").containsEntry("newLeader", "node2");
        AuditRecord failed = contents.entries().get(2).record();
        assertThat(failed.outcome()).isEqualTo(AuditOutcome.FAILED);
        assertThat(failed.message()).isEqualTo("IllegalStateException: Patroni answered 503");
        assertThat(failed.checks()).isEmpty();
        assertThat(failed.results()).isEmpty();
    }

    @Test
    void readingGivesBackTheRecordsAsWritten() throws Exception {
        JsonLinesAuditLog log = new JsonLinesAuditLog(file());
        AuditRecord written = new AuditRecord(T0, "ana", "restart", null, "node1", Map.of("scheduled", "now"),
                AuditOutcome.REFUSED, "the workspace is read-only", 0, List.of("a pass"), List.of("r"),
                Map.of("k", "v"));
        log.record(written);
        assertThat(log.read().entries()).singleElement().extracting(AuditEntry::record).isEqualTo(written);
    }

    @Test
    void damagedLinesAreSkippedAndReportedByLineNumber() throws Exception {
        writeThree();
        List<String> lines = new ArrayList<>(Files.readAllLines(file()));
        lines.set(1, lines.get(1).substring(0, 40)); // torn in the middle
        lines.add("[1, 2]");
        lines.add("{\"seq\": 9, \"time\": \"yesterday\", \"outcome\": \"ok\"}");
        lines.add("{\"seq\": 10, \"time\": \"2026-11-20T10:15:30Z\", \"outcome\": \"maybe\"}");
        Files.write(file(), lines, StandardCharsets.UTF_8);

        AuditLogContents contents = new AuditLogReader().read(file());

        assertThat(contents.entries()).extracting(AuditEntry::line).containsExactly(1, 3);
        assertThat(contents.entries()).extracting(e -> e.record().action()).containsExactly("switchover", "restart");
        assertThat(contents.damaged()).extracting(AuditLogContents.DamagedLine::line).containsExactly(2, 4, 5, 6);
        assertThat(contents.damaged()).extracting(AuditLogContents.DamagedLine::problem).containsExactly(
                "not valid JSON (damaged or hand-edited)", "not a JSON record", "no valid time",
                "unknown outcome 'maybe'");
    }

    @Test
    void aMissingLogIsEmpty() {
        assertThat(new AuditLogReader().read(dir.resolve("none.jsonl"))).isEqualTo(AuditLogContents.EMPTY);
    }

    @Test
    void anUnreadableFileThrows() {
        // A directory exists but cannot be read as lines.
        assertThatThrownBy(() -> new AuditLogReader().read(dir))
                .isInstanceOf(AuditException.class)
                .hasMessageContaining("cannot read the audit log");
    }
}
