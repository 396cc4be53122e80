package io.pilothouse.services.live;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.EstateSnapshot;
import io.pilothouse.services.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;

class LatestEstateTest {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final LatestEstate estate = new LatestEstate("w", false);
    private final List<EstateSnapshot> published = new CopyOnWriteArrayList<>();

    private static ClusterSnapshot cluster(String scope, String leader) {
        return ClusterSnapshot.builder("etcd", scope).leader(leader).build();
    }

    @AfterEach
    void stop() {
        estate.close();
        scheduler.shutdownNow();
    }

    @Test
    void foldsClockOnlyPutsOfManyClustersIntoOnePublishPerFlush() throws Exception {
        estate.subscribe(published::add);
        for (int i = 0; i < 100; i++) {
            estate.put(cluster(String.format("c%03d", i), "n1"));
        }
        published.clear();
        // The flush runs on this test's own scheduler, stopped first, so nothing flushes behind the test's back.
        estate.flushEvery(scheduler, Duration.ofHours(1));
        for (int i = 0; i < 100; i++) {
            estate.putClocks(cluster(String.format("c%03d", i), "n1"));
        }
        assertThat(published).as("clock-only puts wait for the flush").isEmpty();

        estate.put(cluster("c042", "n2"));
        assertThat(published).as("a change publishes at once, carrying the clocks").hasSize(1);
        assertThat(published.get(0).clusters()).hasSize(100);
        assertThat(published.get(0).cluster("etcd/c042").orElseThrow().leader()).isEqualTo("n2");
    }

    @Test
    void publishesPendingClocksWhenTheFlushRuns() throws Exception {
        estate.put(cluster("c1", "n1"));
        estate.subscribe(published::add);
        estate.flushEvery(scheduler, Duration.ofMillis(50));
        estate.putClocks(cluster("c1", "n1"));
        estate.putClocks(cluster("c2", "n1"));
        Await.until(Duration.ofSeconds(5), "the flush to publish both", () -> published.isEmpty() ? 0
                : published.get(published.size() - 1).clusters().size(), n -> n == 2);
        assertThat(published.size()).as("one flush, or two if one fell between the puts").isBetween(1, 2);
        assertThat(estate.latest().clusters()).extracting(ClusterSnapshot::scope).containsExactly("c1", "c2");
    }

    @Test
    void withoutAFlushAClockOnlyPutPublishesAtOnce() {
        estate.subscribe(published::add);
        estate.putClocks(cluster("c1", "n1"));
        assertThat(published).hasSize(1);
    }

    @Test
    void keepsTheEstatesOrderWhateverTheOrderOfPuts() {
        estate.put(ClusterSnapshot.builder("b", "x").build());
        estate.put(ClusterSnapshot.builder("a", "z").build());
        estate.put(ClusterSnapshot.builder("a", "y").build());
        assertThat(estate.latest().clusters()).extracting(c -> c.source() + "/" + c.scope())
                .containsExactly("a/y", "a/z", "b/x");
    }
}
