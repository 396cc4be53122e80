package io.pilothouse.services.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue #12.8: a keyed chain that a rewrite with recomputed hashes cannot pass, and a missing log never "intact". */
class AuditKeyedChainTest {

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();

    private Path log() {
        return dir.resolve("audit.jsonl");
    }

    private static AuditRecord record(String target) {
        return new AuditRecord(Instant.parse("2026-12-06T10:15:30Z"), "ana", "switchover", "demo/pg-main", target,
                Map.of("candidate", target), AuditOutcome.OK, null, 12);
    }

    private JsonLinesAuditLog logWith(int records) {
        JsonLinesAuditLog log = new JsonLinesAuditLog(log());
        for (int i = 1; i <= records; i++) {
            log.record(record("node" + i));
        }
        return log;
    }

    @Test
    void normalLogIsIntactAndKeyedWithA0600KeyFileBesideIt() throws Exception {
        AuditVerification v = logWith(3).verify();

        assertThat(v.intact()).as(v.problem()).isTrue();
        assertThat(v.records()).isEqualTo(3);
        assertThat(v.unkeyedRecords()).isZero();
        Path key = dir.resolve("audit.jsonl.key");
        assertThat(v.key()).isEqualTo("key file " + key);
        assertThat(Files.readString(log())).contains("\"chain\":\"hmac-sha256\"");
        if (!System.getProperty("os.name").startsWith("Windows")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        }
    }

    @Test
    void recordRewrittenWithEveryLaterHashRecomputedFailsVerify() throws Exception {
        JsonLinesAuditLog log = logWith(4);

        AuditForgery.rewriteAndRechain(log(), 1, n -> n.put("target", "forged"));

        AuditVerification v = log.verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.firstBadLine()).hasValue(2);
        assertThat(v.problem()).contains("line 2");
    }

    @Test
    void keyedRecordsRewrittenAsUnkeyedOnesAreFound() throws Exception {
        JsonLinesAuditLog log = logWith(3);

        // Drop the chain marker and re-hash everything with plain SHA-256: a downgrade to the pre-key format.
        AuditForgery.rewriteAndRechain(log(), 0, n -> {
            n.remove("chain");
            n.put("target", "forged");
        });
        List<String> lines = new ArrayList<>(Files.readAllLines(log()));
        for (int i = 1; i < lines.size(); i++) {
            ObjectNode n = (ObjectNode) json.readTree(lines.get(i));
            n.remove("chain");
            lines.set(i, json.writeValueAsString(n));
        }
        Files.write(log(), lines);
        AuditForgery.rewriteAndRechain(log(), 0, n -> { });

        AuditVerification v = log.verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.firstBadLine()).hasValue(1);
        assertThat(v.problem()).contains("not keyed although every record from 1 on is");
    }

    @Test
    void oldUnkeyedRecordsAreStillChainCheckedAndReportedAsUnkeyed() throws Exception {
        // A log written before keys existed: plain SHA-256 links, no key file.
        List<String> old = new ArrayList<>();
        String previous = JsonLinesAuditLog.GENESIS;
        for (int seq = 1; seq <= 2; seq++) {
            ObjectNode n = json.createObjectNode();
            n.put("seq", seq);
            n.put("time", "2026-11-20T10:15:30Z");
            n.put("user", "ana");
            n.put("action", "pause");
            n.put("cluster", "demo/pg-main");
            n.put("target", "cluster");
            n.putObject("parameters");
            n.put("outcome", "ok");
            n.putNull("message");
            n.put("durationMs", 3);
            n.put("prevHash", previous);
            previous = AuditForgery.sha256(n);
            n.put("hash", previous);
            old.add(json.writeValueAsString(n));
        }
        Files.write(log(), old, StandardCharsets.UTF_8);

        JsonLinesAuditLog log = new JsonLinesAuditLog(log());
        log.record(record("node3"));
        AuditVerification v = log.verify();
        assertThat(v.intact()).as(v.problem()).isTrue();
        assertThat(v.records()).isEqualTo(3);
        assertThat(v.unkeyedRecords()).isEqualTo(2);

        // The unkeyed part is still chain-checked.
        AuditForgery.rewriteAndRechain(log(), 0, n -> n.put("target", "forged"));
        assertThat(log.verify().intact()).isFalse();
    }

    @Test
    void deletedLogIsReportedWhenAKeyExists() throws Exception {
        JsonLinesAuditLog log = logWith(2);
        Files.delete(log());

        AuditVerification v = log.verify();

        assertThat(v.intact()).isFalse();
        assertThat(v.problem()).startsWith("no audit log at " + log()).contains("a key exists")
                .contains("2 record(s) written");
    }

    @Test
    void emptiedLogIsReportedAsRecordsRemoved() throws Exception {
        JsonLinesAuditLog log = logWith(2);
        Files.writeString(log(), "");

        AuditVerification v = log.verify();

        assertThat(v.intact()).isFalse();
        assertThat(v.problem()).contains("is empty but a key exists").contains("records were removed");
    }

    @Test
    void removingTheLastRecordsIsFoundThroughTheKeptHead() throws Exception {
        JsonLinesAuditLog log = logWith(3);
        List<String> lines = new ArrayList<>(Files.readAllLines(log()));
        Files.write(log(), lines.subList(0, 2));

        AuditVerification v = log.verify();

        assertThat(v.intact()).isFalse();
        assertThat(v.problem()).contains("the log ends at record 2").contains("says 3")
                .contains("the last record was removed");
    }

    @Test
    void aLogDeletedAndWrittenAgainStaysReported() throws Exception {
        JsonLinesAuditLog log = logWith(3);
        Files.delete(log());
        log.record(record("node9"));

        AuditVerification v = log.verify();

        assertThat(v.intact()).isFalse();
        assertThat(v.problem()).contains("written after records were removed");
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void aKeyFileOthersCanReadIsRefused() throws Exception {
        JsonLinesAuditLog log = logWith(1);
        Path key = dir.resolve("audit.jsonl.key");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(log::verify).isInstanceOf(AuditException.class)
                .hasMessageContaining("rw-r--r--").hasMessageContaining("chmod 600");
        assertThatThrownBy(() -> log.record(record("node2"))).isInstanceOf(AuditException.class);
    }
}
