package io.pilothouse.views.slots;

import io.pilothouse.services.model.ArchiverStatus;
import io.pilothouse.services.model.ReplicationSlot;
import io.pilothouse.services.model.SlotFlag;
import io.pilothouse.views.SampleEstates;
import io.pilothouse.views.Tone;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SlotPresentationTest {

    private static final Instant NOW = SampleEstates.NOW;
    private static final ZoneId UTC = ZoneId.of("UTC");

    private static ReplicationSlot slot(boolean active, Instant since, Set<SlotFlag> flags, Long safe) {
        return new ReplicationSlot("s", "physical", null, null, false, active, active ? 42 : null, "reserved", safe,
                "0/1", null, 2048L, since, flags);
    }

    @Test
    void tonesAndWordsFollowTheFlags() {
        ReplicationSlot healthy = slot(true, null, Set.of(), null);
        ReplicationSlot hoarding = slot(false, NOW.minusSeconds(3700), Set.of(SlotFlag.INACTIVE_RETAINING_WAL), null);
        ReplicationSlot lost = slot(false, NOW.minusSeconds(60), Set.of(SlotFlag.WAL_LOST), null);
        assertThat(SlotPresentation.tone(healthy)).isEqualTo(Tone.NEUTRAL);
        assertThat(SlotPresentation.attention(healthy)).isEmpty();
        assertThat(SlotPresentation.tone(hoarding)).isEqualTo(Tone.WARN);
        assertThat(SlotPresentation.attention(hoarding)).isEqualTo("inactive, holding WAL");
        assertThat(SlotPresentation.tone(lost)).isEqualTo(Tone.DANGER);
        assertThat(SlotPresentation.attention(lost)).startsWith("WAL lost");
    }

    @Test
    void formatsActivitySizesAndInactiveSince() {
        assertThat(SlotPresentation.active(slot(true, null, Set.of(), null))).isEqualTo("yes (pid 42)");
        assertThat(SlotPresentation.safeWalSize(slot(true, null, Set.of(), null))).isEqualTo("unlimited");
        assertThat(SlotPresentation.safeWalSize(slot(true, null, Set.of(), 1L << 30))).isEqualTo("1.0 GiB");
        assertThat(SlotPresentation.retained(slot(true, null, Set.of(), null))).isEqualTo("2.0 KiB");
        assertThat(SlotPresentation.inactiveSince(slot(false, NOW.minusSeconds(3700), Set.of(), null), NOW, UTC))
                .isEqualTo("13:30:30 (1 h 1 min ago)");
        assertThat(SlotPresentation.inactiveSince(slot(true, null, Set.of(), null), NOW, UTC)).isEqualTo("—");
    }

    @Test
    void archiverLineSaysWhenArchivingFails() {
        ArchiverStatus failing = new ArchiverStatus("on", 10, "000000010000000000000009", NOW.minusSeconds(600), 4,
                "00000001000000000000000A", NOW.minusSeconds(5), null);
        assertThat(SlotPresentation.archiver(failing, NOW, UTC)).contains("4 failed, last 00000001000000000000000A at "
                + "14:32:05").contains("FAILING");
        assertThat(SlotPresentation.archiverTone(failing)).isEqualTo(Tone.DANGER);
        ArchiverStatus off = new ArchiverStatus("off", 0, null, null, 0, null, null, null);
        assertThat(SlotPresentation.archiver(off, NOW, UTC)).isEqualTo("WAL archiving off (archive_mode = off)");
    }
}
