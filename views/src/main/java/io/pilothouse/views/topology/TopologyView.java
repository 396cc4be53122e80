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
    private final ScrollPane scroll;
    private String shownKey;
    private boolean recentre;
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

        pane.setOnLayout(this::recentreIfPending);
        pane.setOnCardFocused(this::ensureVisible);
        scroll = new ScrollPane(pane);
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

    /** Builds the context menu of a member's card from its name (null: no menu); the card's member is selected. */
    public void setMemberMenu(java.util.function.Function<String, javafx.scene.control.ContextMenu> menus) {
        pane.setMemberMenu(menus);
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
        String key = c == null ? null : c.source() + '\u0000' + c.scope();
        if (key != null && !key.equals(shownKey)) {
            recentre = true;
        }
        shownKey = key;
        pane.show(c);
        empty.setVisible(c == null);
        title.setText(c == null ? "" : c.scope());
        facts.setText(c == null ? "" : facts(c));
    }

    /**
     * On a newly shown cluster wider than the window, scroll so the leader is in the middle and the top row in
     * view: the leader is what the user looks for first, and a left-aligned start could hide it.
     */
    private void recentreIfPending() {
        double content = pane.getWidth();
        double viewport = scroll.getViewportBounds().getWidth();
        double leaderX = pane.firstRootCenterX();
        if (!recentre || content <= 0 || viewport <= 0 || Double.isNaN(leaderX)) {
            return;
        }
        recentre = false;
        scroll.setVvalue(scroll.getVmin());
        if (content > viewport) {
            double fraction = Math.max(0, Math.min(1, (leaderX - viewport / 2) / (content - viewport)));
            scroll.setHvalue(scroll.getHmin() + fraction * (scroll.getHmax() - scroll.getHmin()));
        }
    }

    /** Scrolls just enough to show a card (keyboard focus may move to one outside the viewport). */
    private void ensureVisible(MemberCard card) {
        javafx.geometry.Bounds b = card.getBoundsInParent();
        javafx.geometry.Bounds vp = scroll.getViewportBounds();
        scroll.setHvalue(scrolled(scroll.getHvalue(), pane.getWidth(), vp.getWidth(), b.getMinX(), b.getMaxX()));
        scroll.setVvalue(scrolled(scroll.getVvalue(), pane.getHeight(), vp.getHeight(), b.getMinY(), b.getMaxY()));
    }

    /** The scroll value (0..1) that brings [from, to] into a viewport, moving as little as possible. */
    private static double scrolled(double value, double content, double viewport, double from, double to) {
        if (content <= viewport || viewport <= 0) {
            return value;
        }
        double margin = 16;
        double offset = value * (content - viewport);
        if (from - margin < offset) {
            offset = from - margin;
        } else if (to + margin > offset + viewport) {
            offset = to + margin - viewport;
        }
        return Math.max(0, Math.min(1, offset / (content - viewport)));
    }

    private static String facts(ClusterSnapshot c) {
        List<String> parts = new ArrayList<>();
        parts.add("via " + c.source());
        parts.add(c.members().size() + (c.members().size() == 1 ? " member" : " members"));
        if (c.timeline() != null) {
            parts.add("timeline " + c.timeline());
        }
        if (c.sync().mode() != io.pilothouse.services.model.SyncMode.ASYNC) {
            // The commit rule in force: "ANY 1 of node2, node3", "2 sync standbys: node2, node3".
            parts.add((c.sync().writesBlocked() ? "writes blocked · " : "") + c.sync().rule());
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
