package io.pilothouse.services.slots;

import io.pilothouse.services.model.ArchiverStatus;
import io.pilothouse.services.model.SlotFlag;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SlotRulesTest {

    private static final SlotRules RULES = new SlotRules(1000);

    @Test
    void flagsAnInactiveSlotRetainingMoreThanTheThreshold() {
        assertThat(RULES.flags(false, "reserved", 1001L)).containsExactly(SlotFlag.INACTIVE_RETAINING_WAL);
        assertThat(RULES.flags(false, "reserved", 1000L)).isEmpty();
        assertThat(RULES.flags(true, "reserved", 5_000_000L)).as("active slots retain by design").isEmpty();
        assertThat(RULES.flags(false, "reserved", null)).isEmpty();
    }

    @Test
    void flagsUnreservedAndLostWalStatus() {
        assertThat(RULES.flags(true, "unreserved", 0L)).containsExactly(SlotFlag.WAL_UNRESERVED);
        assertThat(RULES.flags(false, "lost", null)).containsExactly(SlotFlag.WAL_LOST);
        assertThat(SlotFlag.WAL_LOST.isCritical()).isTrue();
        assertThat(RULES.flags(true, "extended", 10L)).isEmpty();
    }

    @Test
    void tracksInactiveSinceFromTheFirstInactiveObservation() {
        SlotActivityTracker t = new SlotActivityTracker();
        Instant t0 = Instant.parse("2026-01-01T10:00:00Z");
        assertThat(t.observe("n1", "s", true, t0)).isNull();
        assertThat(t.observe("n1", "s", false, t0.plusSeconds(5))).isEqualTo(t0.plusSeconds(5));
        assertThat(t.observe("n1", "s", false, t0.plusSeconds(9))).isEqualTo(t0.plusSeconds(5));
        assertThat(t.observe("n2", "s", false, t0.plusSeconds(9))).as("per node").isEqualTo(t0.plusSeconds(9));
        assertThat(t.observe("n1", "s", true, t0.plusSeconds(10))).isNull();
        assertThat(t.observe("n1", "s", false, t0.plusSeconds(20))).isEqualTo(t0.plusSeconds(20));
    }

    @Test
    void forgetsDroppedSlotsSoARecreatedOneStartsAfresh() {
        SlotActivityTracker t = new SlotActivityTracker();
        Instant t0 = Instant.parse("2026-01-01T10:00:00Z");
        t.observe("n1", "gone", false, t0);
        t.observe("n1", "kept", false, t0);
        t.retain("n1", Set.of("kept"));
        assertThat(t.observe("n1", "gone", false, t0.plusSeconds(60))).isEqualTo(t0.plusSeconds(60));
        assertThat(t.observe("n1", "kept", false, t0.plusSeconds(60))).isEqualTo(t0);
    }

    @Test
    void archiverIsFailingOnlyWhileTheLastAttemptFailed() {
        Instant t0 = Instant.parse("2026-01-01T10:00:00Z");
        ArchiverStatus recovered = new ArchiverStatus("on", 10, "0000000100000000000000A1", t0.plusSeconds(60),
                3, "0000000100000000000000A0", t0, null);
        ArchiverStatus failing = new ArchiverStatus("on", 10, "0000000100000000000000A1", t0,
                4, "0000000100000000000000A2", t0.plusSeconds(60), null);
        ArchiverStatus off = new ArchiverStatus("off", 0, null, null, 0, null, null, null);
        assertThat(recovered.failing()).isFalse();
        assertThat(failing.failing()).isTrue();
        assertThat(off.enabled()).isFalse();
        assertThat(off.failing()).isFalse();
    }
}
