package io.pilothouse.services.sandbox.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GlobalIdsTest {

    @Test
    void branchGidIsGlobalIdUnderscoreParticipant() {
        assertThat(GlobalIds.numbered(7)).isEqualTo("tx_0007");
        assertThat(GlobalIds.numbered(12345)).isEqualTo("tx_12345");
        assertThat(GlobalIds.branchGid("tx_0007", "shard1")).isEqualTo("tx_0007_shard1");
        assertThat(GlobalIds.branchGid("2b0c6f2e-5d7e-4c1a-9a57-0f1e2d3c4b5a", "demo"))
                .isEqualTo("2b0c6f2e-5d7e-4c1a-9a57-0f1e2d3c4b5a_demo");
    }

    @Test
    void literalQuotesOnlySafeGids() {
        assertThat(GlobalIds.literal("tx_0007_shard-1")).isEqualTo("'tx_0007_shard-1'");
        for (String unsafe : new String[] {"", "tx'; DROP TABLE ledger; --", "tx 1", "tx\\1", "tx\u00e91", "a\0b",
            "x".repeat(GlobalIds.MAX_GID_LENGTH + 1)}) {
            assertThatThrownBy(() -> GlobalIds.literal(unsafe)).as(unsafe)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a safe transaction id");
        }
        assertThatThrownBy(() -> GlobalIds.literal(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(GlobalIds.literal("x".repeat(GlobalIds.MAX_GID_LENGTH))).hasSize(GlobalIds.MAX_GID_LENGTH + 2);
        assertThatThrownBy(() -> GlobalIds.branchGid("tx_1", "bad name")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GlobalIds.numbered(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
