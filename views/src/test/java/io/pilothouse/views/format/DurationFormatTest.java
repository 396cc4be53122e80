package io.pilothouse.views.format;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class DurationFormatTest {

    @Test
    void showsTenthsOfASecondForSmallReplicationDelays() {
        assertThat(DurationFormat.seconds(0)).isEqualTo("0.0 s");
        assertThat(DurationFormat.seconds(1.42)).isEqualTo("1.4 s");
        assertThat(DurationFormat.seconds(-3)).isEqualTo("0.0 s");
        assertThat(DurationFormat.seconds(Double.NaN)).isEqualTo("0.0 s");
    }

    @Test
    void showsWholeUnitsForLongerDelays() {
        assertThat(DurationFormat.seconds(12.4)).isEqualTo("12 s");
        assertThat(DurationFormat.seconds(184)).isEqualTo("3 min 4 s");
    }

    @Test
    void showsAtMostTwoUnitsForAges() {
        assertThat(DurationFormat.age(Duration.ofSeconds(59))).isEqualTo("59 s");
        assertThat(DurationFormat.age(Duration.ofMinutes(5))).isEqualTo("5 min");
        assertThat(DurationFormat.age(Duration.ofMinutes(125))).isEqualTo("2 h 5 min");
        assertThat(DurationFormat.age(Duration.ofHours(50))).isEqualTo("2 d 2 h");
        assertThat(DurationFormat.age(Duration.ofSeconds(-5))).isEqualTo("0 s");
    }

    @Test
    void saysAgoAndNever() {
        Instant now = Instant.parse("2026-01-01T10:00:14Z");
        assertThat(DurationFormat.ago(Instant.parse("2026-01-01T10:00:02Z"), now)).isEqualTo("12 s ago");
        assertThat(DurationFormat.ago(null, now)).isEqualTo("never");
    }

    @Test
    void formatsTimeOfDayInTheGivenZone() {
        assertThat(DurationFormat.clock(Instant.parse("2026-01-01T10:00:14Z"), ZoneId.of("Europe/Paris")))
                .isEqualTo("11:00:14");
    }
}
