package io.pilothouse.app.cli;

import io.pilothouse.app.Main;
import io.pilothouse.app.wiring.AuditLogs;
import io.pilothouse.services.policy.JsonLinesAuditLog;
import io.pilothouse.services.policy.MutationGate;
import io.pilothouse.services.policy.MutationRequest;
import io.pilothouse.testing.Pictures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code pilothouse screenshot --view audit} needs no cluster source: it renders the local audit log. */
class AuditScreenshotTest {

    @TempDir
    Path dir;

    @AfterEach
    void clear() {
        System.clearProperty(AuditLogs.PROPERTY);
    }

    @Test
    void rendersTheAuditLogWithoutAClusterSource() throws Exception {
        Path log = dir.resolve("audit.jsonl");
        System.setProperty(AuditLogs.PROPERTY, log.toString());
        MutationGate gate = new MutationGate(false, new JsonLinesAuditLog(log));
        gate.run(new MutationRequest("switchover", "demo/pg-main", "node2", Map.of("candidate", "node2")), trail -> {
            trail.check("lag.bytes", "pass", "0 B behind");
            return null;
        });
        Path png = dir.resolve("audit.png");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int status = Main.run(new PrintWriter(out, true), new PrintWriter(err, true),
                "screenshot", "--view", "audit", "--out", png.toString(), "--size", "1200x700");

        assertThat(status).as(err.toString()).isZero();
        assertThat(out.toString()).contains("view audit");
        Pictures.assertRendered(png, 1200, 700, false);  // --theme defaults to light
    }
}
