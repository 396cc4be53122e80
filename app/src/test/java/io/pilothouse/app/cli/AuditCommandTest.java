package io.pilothouse.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilothouse.app.Main;
import io.pilothouse.app.json.Json;
import io.pilothouse.app.wiring.AuditLogs;
import io.pilothouse.services.policy.JsonLinesAuditLog;
import io.pilothouse.services.policy.MutationGate;
import io.pilothouse.services.policy.MutationRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
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

/** {@code pilothouse audit path|verify|list} on a log written the way the app writes it. */
class AuditCommandTest {

    @TempDir
    Path dir;

    private Path log;
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    @BeforeEach
    void pointAtTempLog() {
        log = dir.resolve("audit.jsonl");
        System.setProperty(AuditLogs.PROPERTY, log.toString());
    }

    @AfterEach
    void clear() {
        System.clearProperty(AuditLogs.PROPERTY);
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private void write(String instant, String user, MutationRequest request, boolean fail) throws Exception {
        MutationGate gate = new MutationGate(false, new JsonLinesAuditLog(log),
                Clock.fixed(Instant.parse(instant), ZoneOffset.UTC), user);
        try {
            gate.run(request, trail -> {
                trail.check("lag.bytes", "pass", "0 B behind");
                trail.response("POST /switchover → 200");
                trail.result("writeUnavailableMs", "840");
                if (fail) {
                    throw new IllegalStateException("Patroni answered 503");
                }
                return null;
            });
        } catch (IllegalStateException expected) {
            // audited as failed
        }
    }

    private void writeFour() throws Exception {
        write("2026-11-18T09:00:00Z", "ana", new MutationRequest("switchover", "demo/pg-main", "node2",
                Map.of("candidate", "node2")), false);
        write("2026-11-19T09:00:00Z", "ben", MutationRequest.of("restart", "demo/pg-main", "node3"), true);
        write("2026-11-20T09:00:00Z", "ana", MutationRequest.of("pause", "prod/orders", "cluster"), false);
        write("2026-11-20T10:00:00Z", "ana", MutationRequest.of("restart", "prod/orders", "node1"), false);
    }

    @Test
    void pathPrintsTheLogInUse() {
        assertThat(run("audit", "path")).isZero();
        assertThat(out.toString().trim()).isEqualTo(log.toAbsolutePath().toString());
    }

    @Test
    void aMissingLogIsReportedNotIntact() {
        // Issue #12.8: a deleted log once verified as "intact: 0 records".
        assertThat(run("audit", "verify")).isEqualTo(AuditCommand.BROKEN);
        assertThat(out.toString().trim()).startsWith("no audit log at " + log.toAbsolutePath())
                .doesNotContain("intact");
        assertThat(run("audit", "list")).isZero();
        assertThat(out.toString()).contains("no audited changes");
    }

    @Test
    void verifyCountsAnIntactChain() throws Exception {
        writeFour();
        assertThat(run("audit", "verify")).isZero();
        assertThat(out.toString().trim()).startsWith("intact: 4 records, keyed with the key file "
                + log.toAbsolutePath() + ".key");
    }

    @Test
    void aDeletedLogIsReportedWhenItsKeyRemains() throws Exception {
        writeFour();
        Files.delete(log);

        assertThat(run("audit", "verify")).isEqualTo(AuditCommand.BROKEN);
        assertThat(out.toString()).contains("no audit log at").contains("a key exists").contains("was removed");
    }

    @Test
    void anEditedLineFailsVerifyWithItsLineNumber() throws Exception {
        writeFour();
        List<String> lines = new ArrayList<>(Files.readAllLines(log));
        lines.set(2, lines.get(2).replace("\"user\":\"ana\"", "\"user\":\"eve\""));
        Files.write(log, lines, StandardCharsets.UTF_8);

        int status = run("audit", "verify");

        assertThat(status).isEqualTo(AuditCommand.BROKEN).isNotZero();
        assertThat(out.toString()).startsWith("broken at line 3: line 3 was edited").contains("2 records before it");
        assertThat(err.toString()).doesNotContain("\tat ");
    }

    @Test
    void theLastRecordsCutOffAreCountedAgainstTheKeptHead() throws Exception {
        writeFour();
        List<String> lines = Files.readAllLines(log);
        Files.write(log, lines.subList(0, 2), StandardCharsets.UTF_8);

        assertThat(run("audit", "verify")).isEqualTo(AuditCommand.BROKEN);
        assertThat(out.toString()).contains("the log ends at record 2 but the head kept in the key file "
                + log.toAbsolutePath() + ".key says 4: the last 2 records were removed");
        assertThat(err.toString()).doesNotContain("\tat ");
    }

    @Test
    void aDeletedKeyAndHeadIsReportedNotIntact() throws Exception {
        writeFour();
        Files.delete(Path.of(log.toAbsolutePath() + ".key"));

        assertThat(run("audit", "verify")).isEqualTo(AuditCommand.BROKEN);
        assertThat(out.toString()).startsWith("broken at line 1: ").contains("there is no key");
    }

    @Test
    void aRemovedLineIsDetected() throws Exception {
        writeFour();
        List<String> lines = new ArrayList<>(Files.readAllLines(log));
        lines.remove(1);
        Files.write(log, lines, StandardCharsets.UTF_8);

        assertThat(run("audit", "verify")).isEqualTo(AuditCommand.BROKEN);
        assertThat(out.toString()).startsWith("broken at line 2: ").contains("expected record 2 but found record 3");
    }

    @Test
    void listShowsATableFilteredByClusterActionAndTime() throws Exception {
        writeFour();
        assertThat(run("audit", "list")).isZero();
        String[] table = out.toString().split("\n");
        assertThat(table).hasSize(5);
        assertThat(table[0]).startsWith("Seq").contains("Time", "User", "Cluster", "Action", "Outcome");
        assertThat(table[2]).contains("ben", "demo/pg-main", "restart", "node3", "failed",
                "IllegalStateException: Patroni answered 503");

        assertThat(run("audit", "list", "--cluster", "orders", "--action", "restart")).isZero();
        assertThat(out.toString().split("\n")).hasSize(2);
        assertThat(out.toString()).contains("node1").doesNotContain("node3");

        assertThat(run("audit", "list", "--since", "2026-11-19T12:00:00Z")).isZero();
        assertThat(out.toString().split("\n")).hasSize(3);
    }

    @Test
    void listJsonCarriesTheEvidence() throws Exception {
        writeFour();
        assertThat(run("audit", "list", "--json", "--cluster", "demo/pg-main")).isZero();
        JsonNode rows = Json.mapper().readTree(out.toString());
        assertThat(rows).hasSize(2);
        JsonNode first = rows.get(0);
        assertThat(first.get("seq").asInt()).isEqualTo(1);
        assertThat(first.get("time").asText()).isEqualTo("2026-11-18T09:00:00Z");
        assertThat(first.get("parameters").get("candidate").asText()).isEqualTo("node2");
        assertThat(first.get("checks").get(0).asText()).isEqualTo("lag.bytes pass: 0 B behind");
        assertThat(first.get("responses").get(0).asText()).isEqualTo("POST /switchover → 200");
        assertThat(first.get("results").get("writeUnavailableMs").asText()).isEqualTo("840");
        assertThat(rows.get(1).get("outcome").asText()).isEqualTo("failed");
    }

    @Test
    void listSkipsADamagedLineAndSaysWhich() throws Exception {
        writeFour();
        List<String> lines = new ArrayList<>(Files.readAllLines(log));
        lines.set(1, "{not json");
        Files.write(log, lines, StandardCharsets.UTF_8);

        assertThat(run("audit", "list")).isZero();
        assertThat(out.toString().split("\n")).hasSize(4);
        assertThat(err.toString()).contains("skipped line 2").contains("audit verify");
    }

    @Test
    void aBadSinceIsExplained() {
        assertThat(run("audit", "list", "--since", "last tuesday")).isEqualTo(2);
        assertThat(err.toString()).startsWith("pilothouse: --since must be an ISO date");
    }
}
