package io.pilothouse.views.live;

import io.pilothouse.services.live.LatestEstate;
import io.pilothouse.services.model.EstateSnapshot;
import io.pilothouse.views.SampleEstates;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class FrameCoalescerTest {

    private final LatestEstate estate = new LatestEstate("test", false);
    private final List<EstateSnapshot> applied = new ArrayList<>();
    private final FrameCoalescer coalescer = new FrameCoalescer(estate, applied::add);

    @Test
    void appliesManyPutsBetweenTwoPulsesOnce() {
        coalescer.pulse();
        applied.clear();
        for (int i = 0; i < 500; i++) {
            estate.put(SampleEstates.ordersProd());
        }
        assertThat(coalescer.pulse()).isTrue();
        assertThat(applied).hasSize(1);
        assertThat(applied.get(0).version()).isEqualTo(estate.latest().version());
    }

    @Test
    void doesNothingOnAPulseWithoutNewVersion() {
        estate.put(SampleEstates.ordersProd());
        coalescer.pulse();
        assertThat(coalescer.pulse()).isFalse();
        assertThat(coalescer.pulse()).isFalse();
        assertThat(coalescer.applyCount()).isEqualTo(1);
    }

    @Test
    void appliesTheLatestOfPutsFromSeveralThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 400; i++) {
            pool.execute(() -> estate.put(SampleEstates.billingProd()));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        coalescer.pulse();
        assertThat(applied).hasSize(1);
        assertThat(coalescer.appliedVersion()).isEqualTo(400);
    }

    @Test
    void theFirstSnapshotIsAppliedWhateverItsVersion() {
        // The last-known estate a window or the wall starts from has version -1 (no live estate has it).
        EstateSnapshot lastKnown = new EstateSnapshot("test", false, List.of(SampleEstates.ordersProd()), -1,
                java.time.Instant.parse("2026-12-07T07:52:00Z"));
        FrameCoalescer fromLastKnown = new FrameCoalescer(new io.pilothouse.services.model.EstateFeed() {
            @Override
            public EstateSnapshot latest() {
                return lastKnown;
            }

            @Override
            public AutoCloseable subscribe(java.util.function.Consumer<EstateSnapshot> listener) {
                return () -> { };
            }
        }, applied::add);

        assertThat(fromLastKnown.pulse()).isTrue();
        assertThat(fromLastKnown.pulse()).isFalse();
        assertThat(applied).containsExactly(lastKnown);
    }

    @Test
    void applyNowReappliesEvenWithoutChange() {
        estate.put(SampleEstates.ordersProd());
        coalescer.pulse();
        coalescer.applyNow();
        assertThat(applied).hasSize(2);
    }
}
