package io.pilothouse.views.topology;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Freshness;
import io.pilothouse.services.model.Member;
import io.pilothouse.views.Styles;
import io.pilothouse.views.format.LagFormat;
import javafx.geometry.Dimension2D;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.control.ContextMenu;
import java.util.function.Function;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Lays out member cards as the replication tree and draws the edges between them. Cards are kept across
 * snapshots (matched by member name) so focus and selection survive updates; only what changed is touched.
 */
final class TopologyPane extends Pane {

    static final double HGAP = 32;
    static final double VGAP = 88;
    static final double PAD = 28;
    /** Distance from a replica's top up to the horizontal bus; the edge label sits in between. */
    private static final double BUS_ABOVE_CHILD = 56;

    private final Map<String, MemberCard> cards = new LinkedHashMap<>();
    private final Map<String, ReplicationEdge> edges = new HashMap<>();
    private final Label noLeader = new Label("NO LEADER");
    private final Consumer<String> onSelect;
    private ClusterSnapshot cluster;
    private TopologyTree tree;
    private Instant now = Instant.EPOCH;
    private String selected;
    private Runnable onLayout = () -> { };
    private Consumer<MemberCard> onFocus = c -> { };
    private Function<String, ContextMenu> memberMenu;

    /** @param onSelect called with a member name when the user clicks a card or presses Enter on it */
    TopologyPane(Consumer<String> onSelect) {
        this.onSelect = onSelect;
        getStyleClass().add(Styles.TOPOLOGY_PANE);
        noLeader.getStyleClass().add(Styles.NO_LEADER_PLACEHOLDER);
        noLeader.setAlignment(Pos.CENTER);
        noLeader.setMinSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
    }

    /** Shows a snapshot, or nothing for null. */
    void show(ClusterSnapshot c) {
        cluster = c;
        tree = c == null ? null : TopologyTree.of(c);
        pseudoClassStateChanged(Styles.STALE, c != null && c.topologyFreshness() != Freshness.LIVE);
        reconcileCards();
        reconcileEdges();
        reorderChildren();
        requestLayout();
    }

    void setNow(Instant t) {
        now = t;
        cards.values().forEach(card -> card.setNow(t));
    }

    void setSelected(String name) {
        selected = name;
        cards.forEach((n, card) -> card.setSelected(n.equals(name)));
    }

    /** Called after every layout pass, when card positions are final (the view uses it to scroll). */
    void setOnLayout(Runnable r) {
        onLayout = r;
    }

    /** Builds the context menu of a member's card (right click, Shift+F10, the menu key); null for none. */
    void setMemberMenu(Function<String, ContextMenu> menus) {
        memberMenu = menus;
    }

    /** Called when a card gains keyboard focus (the view scrolls it into sight). */
    void setOnCardFocused(Consumer<MemberCard> c) {
        onFocus = c;
    }

    /** Horizontal centre of the first root (the leader, or the empty leader slot), or NaN before layout. */
    double firstRootCenterX() {
        if (tree == null || tree.roots().isEmpty()) {
            return Double.NaN;
        }
        String root = tree.roots().get(0);
        Region r = TopologyTree.NO_LEADER.equals(root) ? noLeader : cards.get(root);
        return r == null ? Double.NaN : r.getLayoutX() + r.getWidth() / 2;
    }

    /** The card of a member, or null. */
    MemberCard card(String name) {
        return cards.get(name);
    }

    private void reconcileCards() {
        List<Member> members = cluster == null ? List.of() : cluster.members();
        Map<String, Member> wanted = new LinkedHashMap<>();
        members.forEach(m -> wanted.put(m.name(), m));
        cards.keySet().removeIf(n -> !wanted.containsKey(n));
        wanted.forEach((name, m) -> {
            MemberCard card = cards.get(name);
            if (card == null) {
                card = newCard(m);
                cards.put(name, card);
            } else {
                card.setMember(m);
            }
            card.setAlone(wanted.size() == 1);
        });
    }

    private MemberCard newCard(Member m) {
        MemberCard card = new MemberCard(m);
        card.setNow(now);
        card.setSelected(m.name().equals(selected));
        card.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY) {
                card.requestFocus();
                onSelect.accept(card.getMember().name());
            }
        });
        card.addEventHandler(KeyEvent.KEY_PRESSED, e -> onKey(card, e));
        card.setOnContextMenuRequested(e -> {
            ContextMenu menu = memberMenu == null ? null : memberMenu.apply(card.getMember().name());
            if (menu != null) {
                onSelect.accept(card.getMember().name());
                menu.show(card, e.getScreenX(), e.getScreenY());
                e.consume();
            }
        });
        card.focusedProperty().subscribe(f -> {
            if (f) {
                onFocus.accept(card);
            }
        });
        return card;
    }

    private void onKey(MemberCard card, KeyEvent e) {
        KeyCode code = e.getCode();
        if (code == KeyCode.ENTER || code == KeyCode.SPACE) {
            onSelect.accept(card.getMember().name());
            e.consume();
        } else if (code.isArrowKey()) {
            String next = CardNavigator.next(card.getMember().name(), code, cardBounds());
            if (next != null) {
                cards.get(next).requestFocus();
            }
            e.consume();
        }
    }

    private void reconcileEdges() {
        Map<String, String> wanted = new HashMap<>();
        if (cluster != null) {
            cluster.members().forEach(m -> {
                String p = tree.parent(m.name());
                if (p != null) {
                    wanted.put(m.name(), p);
                }
            });
        }
        edges.keySet().removeIf(child -> !wanted.containsKey(child));
        wanted.forEach((child, parent) -> {
            ReplicationEdge edge = edges.computeIfAbsent(child, k -> new ReplicationEdge());
            Member m = cluster.member(child).orElseThrow();
            boolean orphan = TopologyTree.NO_LEADER.equals(parent);
            String sync = LagFormat.syncState(m);
            edge.setText(orphan ? null : LagFormat.edgeLabel(m));
            edge.pseudoClassStateChanged(Styles.SYNC, !orphan && sync.equals("sync"));
            edge.pseudoClassStateChanged(Styles.QUORUM, !orphan && sync.equals("quorum"));
            edge.pseudoClassStateChanged(Styles.DANGER, orphan);
            edge.pseudoClassStateChanged(Styles.STALE, m.freshness() != Freshness.LIVE);
        });
    }

    /** Edges under cards; cards in breadth-first tree order so Tab walks the tree row by row. */
    private void reorderChildren() {
        List<Node> order = new ArrayList<>(edges.values());
        if (tree != null && tree.roots().contains(TopologyTree.NO_LEADER)) {
            order.add(noLeader);
        }
        order.addAll(breadthFirst().stream().map(cards::get).filter(c -> c != null).toList());
        if (!order.equals(getChildren())) {
            getChildren().setAll(order);
        }
    }

    private List<String> breadthFirst() {
        List<String> out = new ArrayList<>();
        if (tree == null) {
            return out;
        }
        Deque<String> queue = new ArrayDeque<>(tree.roots());
        while (!queue.isEmpty()) {
            String n = queue.poll();
            out.add(n);
            queue.addAll(tree.children(n));
        }
        return out;
    }

    private TopologyLayout computeLayout() {
        if (tree == null) {
            return null;
        }
        return TopologyLayout.of(tree, this::sizeOf, HGAP, VGAP);
    }

    private Dimension2D sizeOf(String node) {
        Region r = TopologyTree.NO_LEADER.equals(node) ? noLeader : cards.get(node);
        double w = r.prefWidth(-1);
        return new Dimension2D(Math.ceil(w), Math.ceil(r.prefHeight(w)));
    }

    private Map<String, Rectangle2D> cardBounds() {
        Map<String, Rectangle2D> out = new HashMap<>();
        cards.forEach((n, c) -> out.put(n, c.getBoundsInParent().isEmpty() ? Rectangle2D.EMPTY
                : new Rectangle2D(c.getLayoutX(), c.getLayoutY(), c.getWidth(), c.getHeight())));
        return out;
    }

    @Override
    protected void layoutChildren() {
        TopologyLayout l = computeLayout();
        if (l == null) {
            return;
        }
        double ox = Math.round(Math.max(PAD, (getWidth() - l.width()) / 2));
        double oy = PAD;
        for (Node n : getChildren()) {
            if (n instanceof Region r) {
                String key = n == noLeader ? TopologyTree.NO_LEADER : ((MemberCard) n).getMember().name();
                Rectangle2D b = l.bounds(key);
                r.resizeRelocate(ox + b.getMinX(), oy + b.getMinY(), b.getWidth(), b.getHeight());
            }
        }
        edges.forEach((child, edge) -> {
            Rectangle2D p = l.bounds(tree.parent(child));
            Rectangle2D c = l.bounds(child);
            double x1 = ox + p.getMinX() + p.getWidth() / 2;
            double x2 = ox + c.getMinX() + c.getWidth() / 2;
            double y2 = oy + c.getMinY();
            edge.route(Math.round(x1) + 0.5, oy + p.getMaxY(), Math.round(x2) + 0.5, y2,
                    Math.round(y2 - BUS_ABOVE_CHILD) + 0.5);
        });
        onLayout.run();
    }

    @Override
    protected double computePrefWidth(double height) {
        TopologyLayout l = computeLayout();
        return l == null ? 0 : l.width() + 2 * PAD;
    }

    @Override
    protected double computePrefHeight(double width) {
        TopologyLayout l = computeLayout();
        return l == null ? 0 : l.height() + 2 * PAD;
    }

    @Override
    protected double computeMinWidth(double height) {
        return computePrefWidth(height);
    }

    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
    }
}
