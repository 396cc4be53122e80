package io.pilothouse.services.shards;

import io.pilothouse.services.sandbox.SandboxConnections;
import io.pilothouse.services.sandbox.SandboxInfo;
import io.pilothouse.services.sandbox.SandboxRest;
import io.pilothouse.services.sandbox.SharedSandbox;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;

import static org.assertj.core.api.Assertions.assertThat;

/** Against the real sandbox (plain PostgreSQL, no Citus): detection says absent and the reader stays quiet. */
@Tag("servers")
class CitusDetectionSandboxTest {

    @Test
    void plainPostgresHasNoCitusAndTheReaderReturnsEmpty() throws Exception {
        SandboxInfo sandbox = SharedSandbox.get();
        String leader = SandboxRest.leader(sandbox).orElseThrow();
        try (Connection c = SandboxConnections.connect(sandbox, leader, sandbox.monitorUser(), "postgres")) {
            CitusShardMapReader reader = new CitusShardMapReader();

            assertThat(reader.citusVersion(c)).isEmpty();
            assertThat(reader.read(c)).isEmpty();
        }
    }
}
