package io.pilothouse.services.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class JsonLinesAuditLogTest {

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("state/audit.jsonl");
    }

    private static AuditRecord record(String target, AuditOutcome outcome) {
        return new AuditRecord(Instant.parse("2026-11-20T10:15:30Z"), "ana", "switchover", "demo/pg-main", target,
                Map.of("candidate", target), outcome, outcome == AuditOutcome.OK ? null : "why", 12);
    }

    private JsonLinesAuditLog logWith(int records) {
        JsonLinesAuditLog log = new JsonLinesAuditLog(file());
        for (int i = 1; i <= records; i++) {
            log.record(record("node" + i, AuditOutcome.OK));
        }
        return log;
    }

    private List<String> lines() throws Exception {
        return new ArrayList<>(Files.readAllLines(file()));
    }

    private void rewrite(List<String> lines) throws Exception {
        Files.write(file(), lines, StandardCharsets.UTF_8);
    }

    @Test
    void eachRecordIsOneJsonLineWithEveryFieldAndTheChain() throws Exception {
        logWith(2);

        List<String> lines = lines();
        assertThat(lines).hasSize(2);
        ObjectMapper json = new ObjectMapper();
        JsonNode first = json.readTree(lines.get(0));
        JsonNode second = json.readTree(lines.get(1));
        assertThat(first.get("seq").asLong()).isEqualTo(1);
        assertThat(first.get("time").asText()).isEqualTo("2026-11-20T10:15:30Z");
        assertThat(first.get("user").asText()).isEqualTo("ana");
        assertThat(first.get("action").asText()).isEqualTo("switchover");
        assertThat(first.get("cluster").asText()).isEqualTo("demo/pg-main");
        assertThat(first.get("target").asText()).isEqualTo("node1");
        assertThat(first.get("parameters").get("candidate").asText()).isEqualTo("node1");
        assertThat(first.get("outcome").asText()).isEqualTo("ok");
        assertThat(first.get("message").isNull()).isTrue();
        assertThat(first.get("durationMs").asLong()).isEqualTo(12);
        assertThat(first.get("prevHash").asText()).isEqualTo(JsonLinesAuditLog.GENESIS);
        assertThat(first.get("hash").asText()).hasSize(64).isNotEqualTo(JsonLinesAuditLog.GENESIS);
        assertThat(second.get("seq").asLong()).isEqualTo(2);
        assertThat(second.get("prevHash").asText()).isEqualTo(first.get("hash").asText());
    }

    @Test
    void intactLogVerifies() {
        AuditVerification v = logWith(5).verify();

        assertThat(v.intact()).isTrue();
        assertThat(v.records()).isEqualTo(5);
        assertThat(v.firstBadLine()).isEmpty();
        assertThat(v.problem()).isNull();
    }

    @Test
    void missingLogIsReportedNotIntact() {
        AuditVerification v = new JsonLinesAuditLog(file()).verify();

        assertThat(v.intact()).isFalse();
        assertThat(v.problem()).startsWith("no audit log at " + file());
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void logIsCreatedMode0600() throws Exception {
        logWith(1);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file()))).isEqualTo("rw-------");
    }

    @Test
    void editedRecordIsFoundByLine() throws Exception {
        JsonLinesAuditLog log = logWith(4);
        List<String> lines = lines();
        lines.set(2, lines.get(2).replace("\"outcome\":\"ok\"", "\"outcome\":\"refused\""));
        rewrite(lines);

        AuditVerification v = log.verify();

        assertThat(v.intact()).isFalse();
        assertThat(v.firstBadLine()).hasValue(3);
        assertThat(v.records()).isEqualTo(2);
        assertThat(v.problem()).isEqualTo("line 3 was edited: its hash does not match its content");
    }

    @Test
    void removedMiddleRecordIsFound() throws Exception {
        JsonLinesAuditLog log = logWith(4);
        List<String> lines = lines();
        lines.remove(1);
        rewrite(lines);

        AuditVerification v = log.verify();

        assertThat(v.intact()).isFalse();
        assertThat(v.firstBadLine()).hasValue(2);
        assertThat(v.problem()).contains("expected record 2 but found record 3").contains("removed");
    }

    @Test
    void lastRecordsRemovedAreCountedAgainstTheKeptHead() throws Exception {
        JsonLinesAuditLog log = logWith(5);
        List<String> lines = lines();
        rewrite(lines.subList(0, 3));

        AuditVerification v = log.verify();

        assertThat(v.intact()).isFalse();
        assertThat(v.problem()).contains("the log ends at record 3 but the head kept in the key file")
                .contains("says 5: the last 2 records were removed");
    }

    @Test
    void lastRecordRemovedIsFoundToo() throws Exception {
        JsonLinesAuditLog log = logWith(2);
        rewrite(lines().subList(0, 1));

        AuditVerification v = log.verify();

        assertThat(v.intact()).isFalse();
        assertThat(v.problem()).contains("the log ends at record 1 but the head").contains("says 2: the last record "
                + "was removed");
    }

    @Test
    void aHeadThatDoesNotMatchItsRecordIsReportedAsReplaced() throws Exception {
        JsonLinesAuditLog log = logWith(3);
        FileAuditKeyStore keys = FileAuditKeyStore.beside(file());
        AuditKey key = keys.load().orElseThrow();
        keys.save(key.withHead(3, "ab".repeat(32)));

        AuditVerification v = log.verify();

        assertThat(v.intact()).isFalse();
        assertThat(v.problem()).contains("record 3 is not the one the head kept in the key file");
    }

    @Test
    void aDeletedKeyWithItsHeadIsReportedNotIntact() throws Exception {
        JsonLinesAuditLog log = logWith(3);
        Files.delete(FileAuditKeyStore.beside(file()).file());

        AuditVerification v = log.verify();

        assertThat(v.intact()).isFalse();
        assertThat(v.problem()).contains("there is no key").contains("restore the key");
    }

    @Test
    void removedFirstRecordIsFound() throws Exception {
        JsonLinesAuditLog log = logWith(3);
        List<String> lines = lines();
        lines.remove(0);
        rewrite(lines);

        assertThat(log.verify().firstBadLine()).hasValue(1);
    }

    @Test
    void reorderedRecordsAreFound() throws Exception {
        JsonLinesAuditLog log = logWith(4);
        List<String> lines = lines();
        String second = lines.get(1);
        lines.set(1, lines.get(2));
        lines.set(2, second);
        rewrite(lines);

        AuditVerification v = log.verify();

        assertThat(v.firstBadLine()).hasValue(2);
        assertThat(v.problem()).contains("expected record 2 but found record 3");
    }

    @Test
    void editedAndRehashedRecordIsNamedByTheBrokenLinkAfterIt() throws Exception {
        JsonLinesAuditLog log = logWith(3);
        List<String> lines = lines();
        // Forge line 2 with a consistent hash of its own, made with the key (someone who could read it): only the
        // next record's prevHash gives it away.
        ObjectMapper json = new ObjectMapper();
        ObjectNode node = (ObjectNode) json.readTree(lines.get(1));
        node.remove("hash");
        node.put("target", "forged");
        String hash = AuditForgery.hmac(FileAuditKeyStore.beside(file()).load().orElseThrow(), node);
        node.put("hash", hash);
        lines.set(1, json.writeValueAsString(node));
        rewrite(lines);

        AuditVerification v = log.verify();

        assertThat(v.firstBadLine()).hasValue(2);
        assertThat(v.problem()).contains("line 2 was altered and re-hashed");
    }

    @Test
    void tornLastLineIsReportedAndLaterAppendsStillWork() throws Exception {
        JsonLinesAuditLog log = logWith(2);
        Files.writeString(file(), "{\"seq\":3,\"ti", StandardOpenOption.APPEND);

        log.record(record("node9", AuditOutcome.FAILED));

        List<String> lines = lines();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(3)).contains("\"target\":\"node9\"");
        AuditVerification v = log.verify();
        assertThat(v.firstBadLine()).hasValue(3);
        assertThat(v.problem()).contains("not valid JSON");
    }

    @Test
    void concurrentAppendsFromManyThreadsAndTwoInstancesKeepOneChain() throws Exception {
        JsonLinesAuditLog a = new JsonLinesAuditLog(file());
        JsonLinesAuditLog b = new JsonLinesAuditLog(dir.resolve("state/../state/audit.jsonl"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                JsonLinesAuditLog log = i % 2 == 0 ? a : b;
                String target = "node" + i;
                futures.add(pool.submit(() -> log.record(record(target, AuditOutcome.OK))));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }

        AuditVerification v = a.verify();
        assertThat(v.intact()).as(v.problem()).isTrue();
        assertThat(v.records()).isEqualTo(200);
    }

    @Test
    void longRecordsChainAcrossTheTailReadBuffer() {
        JsonLinesAuditLog log = new JsonLinesAuditLog(file());
        String big = "x".repeat(20_000);
        for (int i = 0; i < 3; i++) {
            log.record(new AuditRecord(Instant.EPOCH, "ana", "apply-config", "demo/pg-main", "cluster",
                    Map.of("patch", big + i), AuditOutcome.OK, null, 1));
        }

        AuditVerification v = log.verify();
        assertThat(v.intact()).as(v.problem()).isTrue();
        assertThat(v.records()).isEqualTo(3);
    }
}
