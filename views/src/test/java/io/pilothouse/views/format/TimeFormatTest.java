package io.pilothouse.views.format;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class TimeFormatTest {

    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final Instant NOW = Instant.parse("2026-11-21T12:01:17.300Z");

    @Test
    void todayIsClockTimeAndHowLongAgo() {
        assertThat(TimeFormat.at(Instant.parse("2026-11-21T12:01:03Z"), NOW, UTC)).isEqualTo("12:01:03 (14 s ago)");
    }

    @Test
    void anotherDayCarriesTheDate() {
        assertThat(TimeFormat.at(Instant.parse("2026-11-20T23:10:00Z"), NOW, UTC))
                .isEqualTo("2026-11-20 23:10:00 (12 h 51 min ago)");
    }

    @Test
    void subSecondAgesKeepTenthsAndTheFutureSaysIn() {
        assertThat(TimeFormat.ago(Instant.parse("2026-11-21T12:01:17Z"), NOW)).isEqualTo("0.3 s ago");
        assertThat(TimeFormat.at(Instant.parse("2026-11-21T12:03:17.300Z"), NOW, UTC))
                .isEqualTo("12:03:17 (in 2 min)");
        assertThat(TimeFormat.ago(NOW.plusSeconds(1), NOW)).as("clock skew").isEqualTo("0.0 s ago");
    }

    @Test
    void nothingIsNever() {
        assertThat(TimeFormat.at(null, NOW, UTC)).isEqualTo("never");
        assertThat(TimeFormat.ago(null, NOW)).isEqualTo("never");
    }

    @Test
    void theZoneDecidesTheDay() {
        assertThat(TimeFormat.at(Instant.parse("2026-11-20T23:10:00Z"), NOW, ZoneId.of("Europe/Berlin")))
                .isEqualTo("00:10:00 (12 h 51 min ago)");
    }
}
