package io.pilothouse.views.wall;

import io.pilothouse.services.alerts.ActiveAlerts;
import io.pilothouse.services.alerts.AlertThresholds;
import io.pilothouse.services.model.EstateSnapshot;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;

import static io.pilothouse.views.wall.WallSamples.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The wall's paging and counts, on the test's own thread (a current-thread executor), without a toolkit. */
class WallViewModelTest {

    private static final Executor CURRENT_THREAD = Runnable::run;

    private final WallViewModel vm = new WallViewModel(new TileModels(AlertThresholds.DEFAULTS),
            Duration.ofSeconds(20), CURRENT_THREAD);
    private final EstateSnapshot fifty = WallSamples.estate(50);

    @Test
    void fiftyClustersOnTwentyTilesMakeThreePagesWorstFirstOnTheFirst() {
        vm.setTilesPerPage(20);
        vm.show(fifty, WallSamples.alerts(), NOW);

        assertThat(vm.pageCountProperty().get()).isEqualTo(3);
        assertThat(vm.pageNumberProperty().get()).isEqualTo(1);
        assertThat(vm.pageProperty().get()).hasSize(20);
        assertThat(vm.pageProperty().get().get(0).name()).isEqualTo("billing-prod");
        assertThat(vm.pagingProperty().get()).isEqualTo("page 1 of 3 · next in 20 s");
        assertThat(vm.clustersProperty().get()).isEqualTo(50);
        assertThat(vm.workspaceProperty().get()).isEqualTo("Production EU");
    }

    @Test
    void countsEveryStateOverEveryPage() {
        vm.setTilesPerPage(20);
        vm.show(fifty, WallSamples.alerts(), NOW);

        assertThat(vm.countsProperty().get()).containsEntry(TileState.NO_LEADER, 1)
                .containsEntry(TileState.CRITICAL, 1).containsEntry(TileState.STALE, 1)
                .containsEntry(TileState.LAGGING, 1).containsEntry(TileState.WARNING, 1)
                .containsEntry(TileState.HEALTHY, 45);
    }

    @Test
    void pagesRotateEveryPeriodAndWrapAround() {
        vm.setTilesPerPage(20);
        vm.show(fifty, ActiveAlerts.NONE, NOW);
        vm.show(fifty, ActiveAlerts.NONE, NOW.plusSeconds(19));
        assertThat(vm.pageNumberProperty().get()).isEqualTo(1);
        assertThat(vm.pagingProperty().get()).endsWith("next in 1 s");

        vm.show(fifty, ActiveAlerts.NONE, NOW.plusSeconds(20));
        assertThat(vm.pageNumberProperty().get()).isEqualTo(2);
        assertThat(vm.pageProperty().get()).hasSize(20);
        vm.show(fifty, ActiveAlerts.NONE, NOW.plusSeconds(40));
        assertThat(vm.pageNumberProperty().get()).isEqualTo(3);
        assertThat(vm.pageProperty().get()).hasSize(10);
        vm.show(fifty, ActiveAlerts.NONE, NOW.plusSeconds(60));
        assertThat(vm.pageNumberProperty().get()).isEqualTo(1);
    }

    @Test
    void spacePausesTheRotationAndArrowsStillTurnPages() {
        vm.setTilesPerPage(20);
        vm.show(fifty, ActiveAlerts.NONE, NOW);
        vm.togglePause();
        vm.show(fifty, ActiveAlerts.NONE, NOW.plusSeconds(90));

        assertThat(vm.pausedProperty().get()).isTrue();
        assertThat(vm.pageNumberProperty().get()).isEqualTo(1);
        assertThat(vm.pagingProperty().get()).isEqualTo("page 1 of 3 · paused (Space)");
        vm.nextPage();
        assertThat(vm.pageNumberProperty().get()).isEqualTo(2);
        vm.previousPage();
        vm.previousPage();
        assertThat(vm.pageNumberProperty().get()).isEqualTo(3);
        vm.togglePause();
        vm.show(fifty, ActiveAlerts.NONE, NOW.plusSeconds(110));
        assertThat(vm.pageNumberProperty().get()).isEqualTo(1);
    }

    @Test
    void aPinnedPageKeepsItsClustersWhileTheOthersReorder() {
        vm.setTilesPerPage(20);
        vm.show(fifty, ActiveAlerts.NONE, NOW);
        vm.nextPage();
        List<String> pinned = vm.pageProperty().get().stream().map(TileModel::key).toList();
        vm.togglePin();
        // fleet-030 loses its leader: it moves to the top of the order, not onto the pinned page.
        EstateSnapshot worse = new EstateSnapshot(fifty.workspaceName(), false, fifty.clusters().stream()
                .map(c -> c.scope().equals("fleet-030") ? c.toBuilder().leader(null).build() : c).toList(), 8, NOW);
        vm.show(worse, ActiveAlerts.NONE, NOW.plusSeconds(300));

        assertThat(vm.pinnedProperty().get()).isTrue();
        assertThat(vm.pagingProperty().get()).isEqualTo("page pinned (P to unpin)");
        assertThat(vm.pageProperty().get()).extracting(TileModel::key).containsExactlyInAnyOrderElementsOf(pinned);
        assertThat(vm.pageProperty().get().get(0).name()).isEqualTo("fleet-030");
        assertThat(vm.countsProperty().get()).containsEntry(TileState.NO_LEADER, 2);

        vm.togglePin();
        assertThat(vm.pinnedProperty().get()).isFalse();
        assertThat(vm.pageNumberProperty().get()).isEqualTo(2);
    }

    @Test
    void anEstateThatFitsHasOnePageAndNoCountdown() {
        vm.setTilesPerPage(20);
        vm.show(WallSamples.estate(8), ActiveAlerts.NONE, NOW);
        vm.show(WallSamples.estate(8), ActiveAlerts.NONE, NOW.plusSeconds(60));

        assertThat(vm.pageCountProperty().get()).isEqualTo(1);
        assertThat(vm.pagingProperty().get()).isEqualTo("page 1 of 1");
        assertThat(vm.pageProperty().get()).hasSize(8);
    }

    @Test
    void aRotationUnderASecondIsRefused() {
        assertThatThrownBy(() -> new WallViewModel(new TileModels(AlertThresholds.DEFAULTS), Duration.ZERO,
                CURRENT_THREAD)).isInstanceOf(IllegalArgumentException.class);
    }
}
