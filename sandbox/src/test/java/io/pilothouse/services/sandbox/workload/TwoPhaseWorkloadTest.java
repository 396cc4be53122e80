package io.pilothouse.services.sandbox.workload;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilothouse.services.sandbox.SandboxException;
import io.pilothouse.services.sandbox.SandboxInfo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the workload refuses before touching a server; the real runs are in ShardSandboxTest. */
class TwoPhaseWorkloadTest {

    private static final Path DIR = Path.of("/tmp/ph-no-shards");

    @Test
    void refusesASandboxWithoutShardsInWords() {
        SandboxInfo info = new SandboxInfo(DIR, "demo", "/service/", "http://127.0.0.1:2379", 1,
                List.of(new SandboxInfo.Member("node1", "http://127.0.0.1:8001", "127.0.0.1", 5431,
                        DIR.resolve("node1/data"), 2, 3)),
                null, DIR.resolve("pgpass"), "postgres", "pilothouse_monitor", "app", DIR.resolve("workspace.yaml"),
                "postgres", "2026-01-01T00:00:00Z");

        assertThatThrownBy(() -> new TwoPhaseWorkload(info).run(new TwoPhaseWorkload.Options(5, 2, 1L, false),
                line -> { }))
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining("has no shards")
                .hasMessageContaining("--shards");
    }

    @Test
    void refusesNegativeCounts() {
        assertThatThrownBy(() -> new TwoPhaseWorkload.Options(-1, 0, 1L, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TwoPhaseWorkload.Options(1, -2, 1L, false))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
