package io.pilothouse.views.main;

import io.pilothouse.services.live.LatestEstate;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.MemberRole;
import io.pilothouse.views.FxTest;
import io.pilothouse.views.SampleEstates;
import io.pilothouse.views.Styles;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.ContextMenuEvent;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static io.pilothouse.views.FxTest.onFx;
import static io.pilothouse.views.SampleEstates.EU;
import static org.assertj.core.api.Assertions.assertThat;

/** One vocabulary in the main window: roles, the tree, the status bar; and the member cards' context menu. */
@ExtendWith(ApplicationExtension.class)
class MainWindowWordsTest {

    private final LatestEstate estate = new LatestEstate("Demo", false);
    private final List<String> performed = new CopyOnWriteArrayList<>();
    private MainView view;

    /** A lone PostgreSQL server (a shard node) that no Patroni manages, in a source of its own name. */
    private static ClusterSnapshot shard() {
        return SampleEstates.cluster("shard1", "shard1", "shard1", false, null, List.of(
                SampleEstates.member("shard1", MemberRole.LEADER, "127.0.0.1").apiUrl(null).patroniVersion(null)
                        .build()), Map.of());
    }

    @Start
    void start(Stage stage) {
        estate.put(SampleEstates.ordersProd());
        estate.put(shard());
        view = MainView.builder(estate).clock(SampleEstates.CLOCK).build();
        view.clusterActionsProperty().set((action, cluster, member) -> performed.add(action + " " + member));
        FxTest.showLight(stage, view.root(), 1440, 900);
    }

    @AfterEach
    void dispose() {
        onFx(view::dispose);
    }

    private void show(String source, String scope) {
        onFx(() -> {
            view.selectCluster(source, scope);
            view.refreshNow();
        });
    }

    private List<String> roleChips() {
        return onFx(() -> view.root().lookupAll("." + Styles.ROLE_CHIP).stream()
                .map(n -> ((Label) n).getText()).collect(Collectors.toList()));
    }

    @Test
    void aStandaloneShardIsNeverCalledLeader() {
        show("shard1", "shard1");
        onFx(() -> view.selectMember("shard1"));
        assertThat(roleChips()).contains("STANDALONE").doesNotContain("LEADER");
        show(EU, "orders-prod");
        assertThat(roleChips()).contains("LEADER", "SYNC STANDBY", "REPLICA");
    }

    @Test
    void theTreeDoesNotRepeatASourceAsItsOnlyCluster() {
        show("shard1", "shard1");
        @SuppressWarnings("unchecked")
        TreeView<WorkspaceNode> tree = onFx(() -> (TreeView<WorkspaceNode>) view.root()
                .lookup("." + Styles.WORKSPACE_TREE));
        List<WorkspaceNode> top = onFx(() -> tree.getRoot().getChildren().stream().map(TreeItem::getValue).toList());
        assertThat(top).hasSize(2);
        assertThat(top.get(0)).isInstanceOf(WorkspaceNode.Source.class); // etcd-prod-eu, with orders-prod under it
        assertThat(top.get(1)).as("shard1 ▸ shard1").isInstanceOf(WorkspaceNode.Cluster.class);
        assertThat(onFx(() -> tree.getSelectionModel().getSelectedItem().getValue()))
                .isEqualTo(top.get(1));
    }

    @Test
    void theStatusBarSaysHowFreshThePictureIs() {
        String text = onFx(() -> ((Label) view.root().lookup("#status-updated")).getText());
        assertThat(text).matches("updated (just now|\\d+\\.\\d s ago)").doesNotContain("snapshot");
        java.time.Instant read = java.time.Instant.parse("2026-12-07T12:00:00Z");
        assertThat(StatusBar.updated(read, read.plusMillis(1_900))).isEqualTo("updated just now");
        assertThat(StatusBar.updated(read, read.plusMillis(3_200))).isEqualTo("updated 3.2 s ago");
        assertThat(StatusBar.updated(read, read.plusSeconds(95))).isEqualTo("updated 1 min 35 s ago");
    }

    private ContextMenu rightClick(String member) {
        show(EU, "orders-prod");
        return onFx(() -> {
            Node card = view.topologyView().card(member);
            Event.fireEvent(card, new ContextMenuEvent(ContextMenuEvent.CONTEXT_MENU_REQUESTED, 5, 5, 100, 100,
                    false, null));
            return Window.getWindows().stream().filter(w -> w instanceof ContextMenu && w.isShowing())
                    .map(ContextMenu.class::cast).findFirst().orElse(null);
        });
    }

    private static MenuItem item(ContextMenu menu, String id) {
        return menu.getItems().stream().filter(i -> id.equals(i.getId())).findFirst().orElseThrow();
    }

    @Test
    void aMemberCardHasAContextMenuWithItsOperationsAndItsActivity() {
        ContextMenu menu = rightClick("pg-orders-2");
        assertThat(menu).as("no context menu on a member card").isNotNull();
        assertThat(onFx(() -> menu.getItems().stream().map(MenuItem::getText).filter(t -> t != null).toList()))
                .containsExactly("Switch over to pg-orders-2…", "Fail over to pg-orders-2…",
                        "Restart pg-orders-2…", "Reload pg-orders-2", "Reinitialize pg-orders-2…",
                        "Activity of pg-orders-2 (not available)");
        assertThat(onFx(() -> item(menu, "member-activity").isDisable())).isTrue();
        assertThat(onFx(() -> view.viewModel().topology().selectedMemberNameProperty().get()))
                .isEqualTo("pg-orders-2");
        onFx(() -> item(menu, "member-switchover").fire());
        assertThat(performed).containsExactly("SWITCHOVER pg-orders-2");
        onFx(menu::hide);

        List<String> opened = new CopyOnWriteArrayList<>();
        onFx(() -> view.memberActivityProperty().set((cluster, member) -> opened.add(cluster.scope() + "/" + member)));
        ContextMenu leader = rightClick("pg-orders-1");
        assertThat(onFx(() -> item(leader, "member-switchover").isDisable())).isTrue();
        assertThat(onFx(() -> item(leader, "member-switchover").getText())).endsWith("(already the leader)");
        assertThat(onFx(() -> item(leader, "member-activity").isDisable())).isFalse();
        onFx(() -> item(leader, "member-activity").fire());
        assertThat(opened).containsExactly("orders-prod/pg-orders-1");
        onFx(leader::hide);
    }
}
