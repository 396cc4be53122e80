package io.pilothouse.services.shards.partitions;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class WriteRatesTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void firstReadingHasNoRateTheNextGivesWritesPerSecond() {
        WriteRates rates = new WriteRates();
        assertThat(rates.record("n|t", 100, T0)).isEmpty();
        assertThat(rates.record("n|t", 150, T0.plusSeconds(10))).hasValue(5.0);
    }

    @Test
    void aCounterThatWentBackGivesNoRate() {
        WriteRates rates = new WriteRates();
        rates.record("n|t", 100, T0);
        assertThat(rates.record("n|t", 10, T0.plusSeconds(1))).isEmpty();
        assertThat(rates.record("n|t", 20, T0.plusSeconds(2))).hasValue(10.0);
    }

    @Test
    void keysNotSeenInARoundAreForgotten() {
        WriteRates rates = new WriteRates();
        rates.record("a", 1, T0);
        rates.record("b", 1, T0);
        rates.retainOnly(Set.of("b"));
        assertThat(rates.size()).isEqualTo(1);
        assertThat(rates.record("a", 5, T0.plusSeconds(1))).as("a starts over").isEmpty();
    }
}
