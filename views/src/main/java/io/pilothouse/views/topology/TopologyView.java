package io.pilothouse.views.topology;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.views.Styles;
import io.pilothouse.views.format.ByteSizeFormat;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Subscription;

import java.util.ArrayList;
import java.util.List;

/**
 * The centre of the main window: the selected cluster's name and facts, its banners, and its replication tree
 * in a scroll pane (so 1 to 9 members fit any window size). Binds to a {@link TopologyViewModel}.
 */
public final class TopologyView {

    private final VBox root = new VBox();
    private final Label title = new Label();
    private final Label facts = new Label();
    private final BannerBar banners;
    private final TopologyPane pane;
    private final Label empty = new Label("Waiting for the first cluster to be discovered…");
    private final Subscription subscriptions;

    /** @param vm the view model to show */
    public TopologyView(TopologyViewModel vm) {
        root.getStyleClass().add(Styles.TOPOLOGY);

        title.getStyleClass().add(Styles.TOPOLOGY_TITLE);
        title.setMinWidth(Region.USE_PREF_SIZE);
        facts.getStyleClass().addAll(Styles.TOPOLOGY_FACTS, Styles.MUTED);
        facts.setMinWidth(0);
        HBox header = new HBox(14, title, facts);
        header.setAlignment(Pos.BASELINE_LEFT);
        header.getStyleClass().add(Styles.TOPOLOGY_HEADER);

        banners = new BannerBar(vm.bannersProperty());
        pane = new TopologyPane(vm::selectMember);

        ScrollPane scroll = new ScrollPane(pane);
        scroll.getStyleClass().add(Styles.TOPOLOGY_SCROLL);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.setFocusTraversable(false);
        empty.getStyleClass().add(Styles.PLACEHOLDER);
        StackPane centre = new StackPane(scroll, empty);
        VBox.setVgrow(centre, Priority.ALWAYS);
        root.getChildren().addAll(header, banners, centre);

        subscriptions = vm.clusterProperty().subscribe(this::showCluster)
                .and(vm.nowProperty().subscribe(pane::setNow))
                .and(vm.selectedMemberNameProperty().subscribe(pane::setSelected));
    }

    /** The node to put in a window. */
    public Parent root() {
        return root;
    }

    /** The card showing a member, or null (for tests and screenshots). */
    public MemberCard card(String member) {
        return pane.card(member);
    }

    /** Stops listening to the view model. */
    public void dispose() {
        subscriptions.unsubscribe();
        banners.dispose();
    }

    private void showCluster(ClusterSnapshot c) {
        pane.show(c);
        empty.setVisible(c == null);
        title.setText(c == null ? "" : c.scope());
        facts.setText(c == null ? "" : facts(c));
    }

    private static String facts(ClusterSnapshot c) {
        List<String> parts = new ArrayList<>();
        parts.add("via " + c.source());
        parts.add(c.members().size() + (c.members().size() == 1 ? " member" : " members"));
        if (c.timeline() != null) {
            parts.add("timeline " + c.timeline());
        }
        if (c.ttlSeconds() != null) {
            parts.add("ttl " + c.ttlSeconds() + " s");
        }
        if (c.maximumLagOnFailover() != null) {
            parts.add("max lag on failover " + ByteSizeFormat.format(c.maximumLagOnFailover()));
        }
        return String.join("  ·  ", parts);
    }
}
