package io.pilothouse.views.wall;

import io.pilothouse.services.alerts.ActiveAlerts;
import io.pilothouse.services.alerts.AlertThresholds;
import io.pilothouse.services.model.EstateSnapshot;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.pilothouse.views.wall.WallSamples.NOW;
import static org.assertj.core.api.Assertions.assertThat;

class TileModelsTest {

    private final TileModels models = new TileModels(AlertThresholds.DEFAULTS);

    @Test
    void ordersWorstFirstNoLeaderCriticalStaleLagWarningThenHealthy() {
        List<TileModel> tiles = models.of(WallSamples.estate(8), WallSamples.alerts(), NOW);

        assertThat(tiles).extracting(TileModel::name).startsWith("billing-prod", "orders-prod", "reporting",
                "analytics-eu-west-warehouse", "payments-prod");
        assertThat(tiles).extracting(TileModel::state).startsWith(TileState.NO_LEADER, TileState.CRITICAL,
                TileState.STALE, TileState.LAGGING, TileState.WARNING, TileState.HEALTHY);
        assertThat(tiles).hasSize(8);
    }

    @Test
    void aStaleTileKeepsItsLastStateGreyedWithTheAgeOfItsData() {
        TileModel reporting = tile("reporting");

        assertThat(reporting.stale()).isTrue();
        assertThat(reporting.state()).isEqualTo(TileState.STALE);
        assertThat(reporting.age()).isEqualTo("no data for 47 s");
        assertThat(reporting.leader()).isEqualTo("leader rep-1");
        assertThat(reporting.memberNames()).containsExactly("rep-1", "rep-2", "rep-3");
        assertThat(reporting.marks()).containsExactly(MarkState.LEADER, MarkState.UP, MarkState.UP);
    }

    @Test
    void aStaleClusterIsNeverHealthyEvenWithALeaderAndNoAlert() {
        EstateSnapshot one = new EstateSnapshot("w", false, List.of(WallSamples.cluster("quiet", "q-1", 2, 0,
                WallSamples.stale(3))), 1, NOW);

        TileModel tile = models.of(one, ActiveAlerts.NONE, NOW).get(0);

        assertThat(tile.state()).isEqualTo(TileState.STALE);
        assertThat(tile.age()).isEqualTo("no data for 3 s");
    }

    @Test
    void aQuorumWithNoStandbyNamedSaysNoneInsteadOfAnyOfZero() {
        assertThat(TileModels.sync(new io.pilothouse.services.model.SyncReplication(
                io.pilothouse.services.model.SyncMode.QUORUM, false, 0, List.of(), 0, null, false)))
                .isEqualTo("quorum: none");
    }

    @Test
    void aClusterWhoseMembersNoneAnswerSaysItsDataIsEtcdsOnly() {
        io.pilothouse.services.model.ClusterSnapshot live = WallSamples.cluster("dcs-only", "d-1", 3, 0,
                WallSamples.live(1));
        io.pilothouse.services.model.ClusterSnapshot unreached = live.toBuilder().members(live.members().stream()
                .map(m -> m.toBuilder().freshness(io.pilothouse.services.model.Freshness.UNREACHABLE).build())
                .toList()).build();

        assertThat(models.of(live, "dcs-only", List.of(), NOW).age()).isEqualTo("1 s old");
        assertThat(models.of(unreached, "dcs-only", List.of(), NOW).age()).isEqualTo("1 s old · etcd only");
    }

    @Test
    void wordsForLeaderLagSyncAlertsAndAge() {
        TileModel billing = tile("billing-prod");
        assertThat(billing.leader()).isEqualTo("no leader");
        assertThat(billing.marks()).startsWith(MarkState.DOWN);
        assertThat(billing.age()).isEqualTo("2 s old");

        TileModel analytics = tile("analytics-eu-west-warehouse");
        assertThat(analytics.lag()).isEqualTo("lag 96.0 MiB");
        assertThat(analytics.marks()).containsExactly(MarkState.LEADER, MarkState.UP, MarkState.UP, MarkState.BUSY);
        assertThat(analytics.sync()).isEqualTo("async");

        TileModel payments = tile("payments-prod");
        assertThat(payments.sync()).isEqualTo("ANY 1 of 2");
        assertThat(payments.alertsText()).isEqualTo("1 alert");

        assertThat(tile("orders-prod").alertsText()).isEqualTo("1 alert");
        assertThat(tile("fleet-007").alertsText()).isEqualTo("no alerts");
        assertThat(tile("fleet-007").lag()).isEqualTo("lag 0 B");
    }

    @Test
    void aReplicaWithUnknownLagMakesTheFigureAFloorNeverAQuietZero() {
        io.pilothouse.services.model.ClusterSnapshot c = WallSamples.cluster("c", "c-1", 3, 0, WallSamples.live(1));
        List<io.pilothouse.services.model.Member> unknown = c.members().stream()
                .map(m -> m.name().equals("c-2") ? m.toBuilder().sqlLagBytes(null).build() : m).toList();
        List<io.pilothouse.services.model.Member> floor = unknown.stream()
                .map(m -> m.name().equals("c-3") ? m.toBuilder().sqlLagBytes(2048L).build() : m).toList();

        assertThat(models.of(c.withMembers(unknown), "c", List.of(), NOW).lag()).isEqualTo("lag ?");
        assertThat(models.of(c.withMembers(floor), "c", List.of(), NOW).lag()).isEqualTo("lag ≥ 2.0 KiB");
    }

    @Test
    void aMemberDownIsNeverHealthyEvenBeforeItsAlert() {
        io.pilothouse.services.model.ClusterSnapshot c = WallSamples.cluster("c", "c-1", 3, 0, WallSamples.live(1));
        List<io.pilothouse.services.model.Member> down = c.members().stream()
                .map(m -> m.name().equals("c-2") ? m.toBuilder()
                        .state(io.pilothouse.services.model.MemberState.STOPPED).build() : m).toList();

        TileModel tile = models.of(c.withMembers(down), "c", List.of(), NOW);

        assertThat(tile.state()).isEqualTo(TileState.WARNING);
        assertThat(tile.marks()).containsExactly(MarkState.LEADER, MarkState.DOWN, MarkState.UP);
    }

    @Test
    void aScopeInTwoSourcesIsNamedWithItsSource() {
        EstateSnapshot twice = new EstateSnapshot("w", false, List.of(
                WallSamples.cluster("main", "m-1", 2, 0, WallSamples.live(1)),
                WallSamples.cluster("main", "m-1", 2, 0, WallSamples.live(1)).toBuilder().source("etcd-dr").build()),
                1, NOW);

        assertThat(models.of(twice, ActiveAlerts.NONE, NOW)).extracting(TileModel::name)
                .containsExactlyInAnyOrder("etcd-prod/main", "etcd-dr/main");
    }

    private TileModel tile(String name) {
        return models.of(WallSamples.estate(8), WallSamples.alerts(), NOW).stream()
                .filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aReplicaWhoseLagIsNotKnownSortsAheadOfAKnownZeroAmongHealthyTiles() {
        io.pilothouse.services.model.ClusterSnapshot zero = WallSamples.cluster("a-known-zero", "z-1", 2, 0,
                WallSamples.live(1));
        io.pilothouse.services.model.ClusterSnapshot unknown = WallSamples.cluster("b-unknown", "u-1", 2, 0,
                WallSamples.live(1));
        unknown = unknown.toBuilder().members(unknown.members().stream()
                .map(m -> m.role().isLeaderLike() ? m : m.toBuilder().sqlLagBytes(null).build()).toList()).build();
        EstateSnapshot two = new EstateSnapshot("w", false, List.of(zero, unknown), 1, NOW);

        List<TileModel> tiles = models.of(two, ActiveAlerts.NONE, NOW);

        assertThat(tiles).extracting(TileModel::state).containsOnly(TileState.HEALTHY);
        assertThat(tiles).extracting(TileModel::lag).containsExactly("lag ?", "lag 0 B");
        assertThat(tiles).extracting(TileModel::name).containsExactly("b-unknown", "a-known-zero");
    }
}
