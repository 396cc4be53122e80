package io.pilothouse.app.wiring;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.EstateFeed;
import io.pilothouse.services.model.EstateSnapshot;
import io.pilothouse.services.model.Freshness;
import io.pilothouse.services.model.SourceKind;
import io.pilothouse.services.model.SourceStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** The window and the wall paint the estate last seen, marked stale, until a source of the live session answers. */
class LastKnownEstateTest {

    private static final Instant SAVED_AT = Instant.parse("2026-12-06T21:15:00Z");

    @TempDir
    Path dir;

    private static EstateSnapshot estate(Freshness freshness, Instant lastSuccess, long version) {
        ClusterSnapshot c = ClusterSnapshot.builder("src", "orders").leader("pg-a").members(List.of())
                .sources(Map.of(SourceKind.ETCD, new SourceStatus(SourceKind.ETCD, freshness, lastSuccess, null)))
                .observedAt(SAVED_AT).build();
        return new EstateSnapshot("prod", false, List.of(c), version, SAVED_AT);
    }

    /** A live feed whose latest estate the test sets. */
    private static final class Live implements EstateFeed {
        volatile EstateSnapshot now = EstateSnapshot.empty("prod", false);

        @Override
        public EstateSnapshot latest() {
            return now;
        }

        @Override
        public AutoCloseable subscribe(Consumer<EstateSnapshot> listener) {
            return () -> { };
        }
    }

    @Test
    void anEstateSavedPrivatelyComesBackWholeAndABrokenFileIsIgnored() throws Exception {
        LastKnownEstate store = new LastKnownEstate(dir.resolve("state/last-known/x.json.z"));
        assertThat(store.load()).isEmpty();
        assertThat(store.save(estate(Freshness.UNKNOWN, null, 3))).as("nothing answered: not worth keeping").isFalse();
        assertThat(store.save(estate(Freshness.LIVE, SAVED_AT, 7))).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file()))).isEqualTo("rw-------");
        assertThat(store.load()).hasValueSatisfying(e -> {
            assertThat(e.clusters()).extracting(ClusterSnapshot::scope).containsExactly("orders");
            assertThat(e.clusters().get(0).leader()).isEqualTo("pg-a");
        });
        Files.writeString(store.file(), "not deflated json");
        assertThat(store.load()).isEmpty();
    }

    @Test
    void theLastKnownEstateIsShownStaleUntilALiveSourceAnswersThenNeverAgain() {
        Live live = new Live();
        LastKnownFeed feed = new LastKnownFeed(live, CompletableFuture.completedFuture(
                Optional.of(estate(Freshness.LIVE, SAVED_AT, 7))), ZoneOffset.UTC);

        EstateSnapshot shown = feed.latest();
        assertThat(shown.version()).as("a version no live estate has").isEqualTo(-1);
        SourceStatus etcd = shown.clusters().get(0).sources().get(SourceKind.ETCD);
        assertThat(etcd.freshness()).as("never shown live").isEqualTo(Freshness.STALE);
        assertThat(etcd.lastError()).isEqualTo("saved 2026-12-06 21:15; not read in this session yet");
        assertThat(etcd.lastSuccess()).isEqualTo(SAVED_AT);

        live.now = estate(Freshness.UNKNOWN, null, 1);
        assertThat(feed.latest().version()).as("nothing answered yet").isEqualTo(-1);
        live.now = estate(Freshness.UNREACHABLE, null, 2);
        assertThat(feed.latest()).as("a refusal says more than the past").isSameAs(live.now);
        live.now = EstateSnapshot.empty("prod", false);
        assertThat(feed.latest()).as("once live, always live").isSameAs(live.now);
    }

    @Test
    void aKeeperDrawsWhatTheLastWindowSavedAndSavesTheLiveEstateWhenItCloses() throws Exception {
        LastKnownEstate store = new LastKnownEstate(dir.resolve("last-known/prod.json.z"));
        store.save(estate(Freshness.LIVE, SAVED_AT, 7));
        Live live = new Live();
        java.util.concurrent.ExecutorService io = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            LastKnownKeeper keeper = new LastKnownKeeper(store, live, io);
            io.submit(() -> { }).get(); // the file is read on io: done once io ran what was queued before this

            EstateSnapshot shown = keeper.feed().latest();
            assertThat(shown.version()).isEqualTo(-1);
            assertThat(shown.clusters().get(0).topologyFreshness()).as("what the wall greys").isNotEqualTo(
                    Freshness.LIVE);

            live.now = estate(Freshness.LIVE, SAVED_AT.plusSeconds(3600), 9);
            keeper.close();
            assertThat(store.load()).hasValueSatisfying(e -> assertThat(e.version()).isEqualTo(9));
        } finally {
            io.shutdownNow();
        }
    }

    @Test
    void withNothingSavedTheLiveFeedIsShownFromTheStart() {
        Live live = new Live();
        LastKnownFeed feed = new LastKnownFeed(live, new CompletableFuture<>(), ZoneOffset.UTC);
        assertThat(feed.latest()).isSameAs(live.now);
    }
}
