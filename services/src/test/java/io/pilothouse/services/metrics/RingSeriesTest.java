package io.pilothouse.services.metrics;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class RingSeriesTest {

    @Test
    void keepsTheNewestSamplesAfterWrappingAround() {
        RingSeries s = new RingSeries(5);
        for (int i = 0; i < 12; i++) {
            s.append(1000L * i, i);
        }
        long[] t = new long[10];
        double[] v = new double[10];
        int n = s.copyRange(Long.MIN_VALUE, Long.MAX_VALUE, t, v);

        assertThat(n).isEqualTo(5);
        assertThat(v).startsWith(7, 8, 9, 10, 11);
        assertThat(t).startsWith(7000, 8000, 9000, 10000, 11000);
        assertThat(s.size()).isEqualTo(5);
        assertThat(s.lastValue()).isEqualTo(11);
    }

    @Test
    void copiesOnlyTheRequestedTimeRangeInclusive() {
        RingSeries s = new RingSeries(100);
        for (int i = 0; i < 50; i++) {
            s.append(1000L * i, i * 2.0);
        }
        long[] t = new long[100];
        double[] v = new double[100];

        int n = s.copyRange(10_000, 14_000, t, v);

        assertThat(n).isEqualTo(5);
        assertThat(v).startsWith(20, 22, 24, 26, 28);
    }

    @Test
    void keepsTheNewestWhenTheCallersArraysAreTooSmall() {
        RingSeries s = new RingSeries(100);
        for (int i = 0; i < 50; i++) {
            s.append(i, i);
        }
        long[] t = new long[3];
        double[] v = new double[3];

        assertThat(s.copyRange(0, 100, t, v)).isEqualTo(3);
        assertThat(v).containsExactly(47, 48, 49);
    }

    @Test
    void ignoresSamplesOlderThanTheNewest() {
        RingSeries s = new RingSeries(10);
        s.append(5_000, 1);

        assertThat(s.append(4_000, 2)).isFalse();
        assertThat(s.append(5_000, 3)).isTrue();
        assertThat(s.snapshot().values()).containsExactly(1, 3);
    }

    @Test
    void defaultCapacityIsADayAtOneHertzInAboutOnePointFourMegabytesOnceFull() {
        RingSeries s = new RingSeries();
        long empty = s.memoryBytes();
        for (long i = 0; i < 600; i++) {
            s.append(i, i);
        }
        long tenMinutes = s.memoryBytes();
        for (long i = 600; i < 90_000; i++) {
            s.append(i, i);
        }

        assertThat(s.capacity()).isEqualTo(86_400);
        assertThat(empty).isEqualTo(RingSeries.INITIAL_SLOTS * 16L);
        assertThat(tenMinutes).isEqualTo(1024 * 16L);
        assertThat(s.memoryBytes()).isEqualTo(1_382_416);
        assertThat(s.snapshot().times()).hasSize(86_400).startsWith(90_000 - 86_400);
    }

    @Test
    void readersNeverSeeOutOfOrderOrTornSamplesWhileTheSeriesGrows() throws Exception {
        RingSeries s = new RingSeries(200_000);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<String> failure = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            long[] t = new long[300_000];
            double[] v = new double[300_000];
            while (!stop.get()) {
                int n = s.copyRange(Long.MIN_VALUE, Long.MAX_VALUE, t, v);
                for (int i = 0; i < n; i++) {
                    if (v[i] != t[i] || t[i] != i) {
                        failure.set("at " + i + ": t=" + t[i] + " v=" + v[i]);
                    }
                }
            }
        });
        reader.start();
        for (long i = 0; i < 200_000; i++) {
            s.append(i, i);
        }
        stop.set(true);
        reader.join();

        assertThat(failure.get()).isNull();
        assertThat(s.size()).isEqualTo(200_000);
    }

    @Test
    void readersNeverSeeOutOfOrderOrTornSamplesWhileTheWriterLapsThem() throws Exception {
        RingSeries s = new RingSeries(64);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<String> failure = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            long[] t = new long[64];
            double[] v = new double[64];
            while (!stop.get()) {
                int n = s.copyRange(Long.MIN_VALUE, Long.MAX_VALUE, t, v);
                for (int i = 0; i < n; i++) {
                    // The writer stores value == time, so a torn pair or a stale slot shows up as a mismatch.
                    if (v[i] != t[i] || (i > 0 && t[i] != t[i - 1] + 1)) {
                        failure.set("at " + i + ": t=" + t[i] + " v=" + v[i]);
                    }
                }
            }
        });
        reader.start();
        for (long i = 0; i < 3_000_000; i++) {
            s.append(i, i);
        }
        stop.set(true);
        reader.join();

        assertThat(failure.get()).isNull();
    }
}
