package io.pilothouse.services.live;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.pilothouse.services.testing.Await;

import static org.assertj.core.api.Assertions.assertThat;

class LiveExecutorsTest {

    @Test
    void thePollingPoolNeverRunsMoreThreadsThanItsBoundAndQueuesTheRest() throws Exception {
        ExecutorService pool = LiveExecutors.bounded("test-poll", 4);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        try {
            for (int i = 0; i < 50; i++) {
                pool.execute(() -> {
                    threads.add(Thread.currentThread().getName());
                    started.incrementAndGet();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            Await.until(Duration.ofSeconds(5), "four tasks running", started::get, n -> n == 4);
            assertThat(started.get()).as("the other 46 wait in the queue").isEqualTo(4);
            release.countDown();
            Await.until(Duration.ofSeconds(5), "every task run", started::get, n -> n == 50);
            assertThat(threads).hasSize(4).allMatch(n -> n.startsWith("test-poll-"));
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(2, TimeUnit.SECONDS);
        }
    }

    @Test
    void theSessionsPollingPoolIsBounded() {
        try (LiveExecutors executors = LiveExecutors.create()) {
            java.util.concurrent.ThreadPoolExecutor polling = (java.util.concurrent.ThreadPoolExecutor)
                    executors.polling();
            assertThat(polling.getMaximumPoolSize()).isEqualTo(LiveExecutors.POLLING_THREADS);
            assertThat(polling.allowsCoreThreadTimeOut()).isTrue();
        }
    }
}
