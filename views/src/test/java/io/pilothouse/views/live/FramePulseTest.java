package io.pilothouse.views.live;

import io.pilothouse.views.FxTest;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static io.pilothouse.views.FxTest.onFx;
import static org.assertj.core.api.Assertions.assertThat;

/** The pulse runs the callback after a wake and then sleeps: no frames while nothing wakes it. */
@ExtendWith(ApplicationExtension.class)
class FramePulseTest {

    @Start
    void start(Stage stage) {
        // Toolkit only.
    }

    @Test
    void sleepsAfterTheFramesAWakeAsksForAndWakesAgainFromAnyThread() throws Exception {
        AtomicInteger frames = new AtomicInteger();
        FramePulse pulse = onFx(() -> new FramePulse(n -> frames.incrementAndGet()));
        onFx(pulse::start);
        FxTest.waitUntil(() -> !pulse.isAwake());
        int asleep = frames.get();
        assertThat(asleep).isEqualTo(1);

        Thread.sleep(300); // ~18 pulses' worth of time with nothing waking it
        assertThat(frames.get()).isEqualTo(asleep);

        Thread waker = new Thread(pulse::wake);
        waker.start();
        waker.join();
        FxTest.waitUntil(() -> frames.get() > asleep && !pulse.isAwake());
        assertThat(frames.get() - asleep).isEqualTo(1);
        onFx(pulse::stop);
    }

    @Test
    void aBurstOfWakesCostsAFewFramesNotOneEach() {
        AtomicInteger frames = new AtomicInteger();
        FramePulse pulse = onFx(() -> new FramePulse(n -> frames.incrementAndGet()));
        onFx(pulse::start);
        FxTest.waitUntil(() -> !pulse.isAwake());
        int before = frames.get();
        for (int i = 0; i < 10_000; i++) {
            pulse.wake();
        }
        FxTest.waitUntil(() -> frames.get() > before && !pulse.isAwake());
        assertThat(frames.get() - before).isBetween(1, 3);
        onFx(pulse::stop);
    }

    @Test
    void wakesFromItsSourcesWhileStartedAndNotAfterStop() throws Exception {
        AtomicInteger frames = new AtomicInteger();
        CopyOnWriteArrayList<Runnable> wakes = new CopyOnWriteArrayList<>();
        FramePulse pulse = onFx(() -> new FramePulse(n -> frames.incrementAndGet()).wakeWhen(w -> {
            wakes.add(w);
            return () -> wakes.remove(w);
        }));
        onFx(pulse::start);
        assertThat(wakes).hasSize(1);
        FxTest.waitUntil(() -> !pulse.isAwake());
        int before = frames.get();
        wakes.get(0).run();
        FxTest.waitUntil(() -> frames.get() > before);

        onFx(pulse::stop);
        assertThat(wakes).isEmpty();
        int stopped = frames.get();
        pulse.wake();
        Thread.sleep(200);
        assertThat(frames.get()).isEqualTo(stopped);
    }

    @Test
    void everyRunsItsTaskOncePerPeriodAndNotAtOnce() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        FramePulse every = onFx(() -> FramePulse.every(java.time.Duration.ofMillis(250), runs::incrementAndGet));
        assertThat(runs.get()).isZero();
        Thread.sleep(1_100);
        onFx(every::stop);
        int stopped = runs.get();
        assertThat(stopped).isBetween(3, 5);
        Thread.sleep(400);
        assertThat(runs.get()).isEqualTo(stopped);
    }

    @Test
    void wakesEveryPeriodAlignedToTheClock() throws Exception {
        CopyOnWriteArrayList<Long> at = new CopyOnWriteArrayList<>();
        FramePulse pulse = onFx(() -> new FramePulse(n -> at.add(System.currentTimeMillis()))
                .wakeEvery(java.time.Duration.ofMillis(200)));
        onFx(pulse::start);
        Thread.sleep(1_100);
        onFx(pulse::stop);
        // One frame at the start and one per tick (five or six in 1.1 s), not a frame every 16 ms.
        assertThat(at.size()).isBetween(5, 7);
        long distinctPeriods = at.stream().map(t -> t / 200).distinct().count();
        assertThat(distinctPeriods).isGreaterThanOrEqualTo(4);
    }
}
