package io.pilothouse.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilothouse.services.sandbox.SandboxInfo;
import io.pilothouse.services.sandbox.SandboxRest;
import io.pilothouse.services.sandbox.SharedSandbox;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code config set} checks PostgreSQL parameters against the real {@code pg_settings} of the shared sandbox's
 * leader: a typo is refused with the nearest name and nothing is sent; a valid change says what is in effect and
 * that it needs a restart. Nothing here changes the sandbox (refusals and a dry run only).
 */
@Tag("servers")
class ConfigParameterChecksSandboxTest {

    @TempDir
    Path dir;

    private CommandRun cli(SandboxInfo sandbox) {
        return new CommandRun("--workspace", sandbox.workspaceFile().toString(), "--cluster", sandbox.scope(),
                "--wait", "30");
    }

    @Test
    void aMisspelledParameterIsRefusedWithTheNearestNameAndAValidOneSaysItNeedsARestart() throws Exception {
        SandboxInfo sandbox = SharedSandbox.get();
        Path audit = dir.resolve("audit.jsonl");
        JsonNode before = SandboxRest.get(sandbox.restUrls().get(0), "/config").orElseThrow();
        try (AuditLogProperty ignored = AuditLogProperty.pointAt(audit)) {
            CommandRun typo = cli(sandbox);
            assertThat(typo.run("config", "set", "--yes", "shared_bufers=1GB")).as(typo.err()).isEqualTo(3);
            assertThat(typo.err()).contains("nothing was sent")
                    .contains("did you mean postgresql.parameters.shared_buffers?").doesNotContain("Exception");

            CommandRun nested = cli(sandbox);
            assertThat(nested.run("config", "set", "--yes", "postgresql.parameters.shared_bufers=1GB"))
                    .as(nested.err()).isEqualTo(3);
            assertThat(nested.err()).contains("shared_bufers is not a parameter of the leader")
                    .contains("did you mean shared_buffers?");

            CommandRun range = cli(sandbox);
            assertThat(range.run("config", "set", "--dry-run", "postgresql.parameters.work_mem=1kB"))
                    .as(range.err()).isEqualTo(3);
            assertThat(range.err()).contains("out of range: work_mem is between 64kB and");

            CommandRun valid = cli(sandbox);
            assertThat(valid.run("config", "set", "--dry-run", "postgresql.parameters.shared_buffers=256MB"))
                    .as(valid.err()).isZero();
            assertThat(valid.out()).contains("PostgreSQL parameters (pg_settings of the leader):")
                    .containsPattern("shared_buffers\\s+in effect on \\S+: \\d+[kMG]B\\s+change applies: "
                            + "needs a restart")
                    .contains("Dry run: nothing was sent.");
        }
        assertThat(SandboxRest.get(sandbox.restUrls().get(0), "/config").orElseThrow()).isEqualTo(before);
    }
}
