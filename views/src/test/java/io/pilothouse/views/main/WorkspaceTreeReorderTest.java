package io.pilothouse.views.main;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.EstateSnapshot;
import io.pilothouse.views.SampleEstates;
import javafx.scene.control.TreeItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static io.pilothouse.views.FxTest.onFx;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rows move to their trouble order at most every two seconds, and a reorder held back is done by a later estate even
 * when no row changes in it (an estate republished for its clocks alone).
 */
@ExtendWith(ApplicationExtension.class)
class WorkspaceTreeReorderTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000_000L);

    @Start
    void start(Stage stage) {
        // Toolkit only.
    }

    @Test
    void aReorderHeldBackIsDoneByALaterEstateInWhichNoRowChanged() {
        WorkspaceTree tree = onFx(() -> new WorkspaceTree(k -> { }));
        onFx(() -> tree.nanoClock(nanos::get));
        ClusterSnapshot orders = SampleEstates.ordersProd();
        ClusterSnapshot billing = SampleEstates.billingProd().toBuilder().paused(false).scheduledSwitchover(null)
                .build();
        onFx(() -> tree.show(estate(1, billing, orders)));
        assertThat(onFx(() -> scopes(tree))).containsExactly("billing-prod", "orders-prod");

        // orders-prod loses its leader half a second later: worst first, but not yet (the tree does not jump).
        nanos.addAndGet(500_000_000L);
        ClusterSnapshot leaderless = orders.toBuilder().leader(null).build();
        onFx(() -> tree.show(estate(2, billing, leaderless)));
        assertThat(onFx(() -> scopes(tree))).containsExactly("billing-prod", "orders-prod");

        // Three seconds on, the same clusters republished for their clocks (new objects, the same rows).
        nanos.addAndGet(3_000_000_000L);
        onFx(() -> tree.show(estate(3, billing.toBuilder().build(), leaderless.toBuilder().build())));
        assertThat(onFx(() -> scopes(tree))).containsExactly("orders-prod", "billing-prod");
    }

    private static EstateSnapshot estate(long version, ClusterSnapshot... clusters) {
        return new EstateSnapshot("Demo", false, List.of(clusters), version, SampleEstates.NOW);
    }

    private static List<String> scopes(WorkspaceTree tree) {
        TreeItem<WorkspaceNode> source = tree.view().getRoot().getChildren().get(0);
        return source.getChildren().stream().map(i -> ((WorkspaceNode.Cluster) i.getValue()).key().scope()).toList();
    }
}
