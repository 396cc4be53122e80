package io.pilothouse.views.slots;

import io.pilothouse.services.model.NodeSlots;
import io.pilothouse.views.Styles;
import io.pilothouse.views.Tone;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Subscription;

import java.util.List;

/**
 * Replication slots of every node of a cluster, one table per node, and the leader's WAL archiving status. Does no
 * I/O: it shows what {@link SlotsViewModel#setData} was given, rebuilding only when the data changes.
 */
public final class SlotsView {

    private final SlotsViewModel vm;
    private final Label archiver = new Label();
    private final VBox nodes = new VBox(18);
    private final VBox content = new VBox(14);
    private final ScrollPane root = new ScrollPane(content);
    private final Subscription subscription;

    public SlotsView(SlotsViewModel vm) {
        this.vm = vm;
        Label title = new Label("Replication slots");
        title.getStyleClass().add(SlotStyles.TITLE);
        archiver.getStyleClass().add(SlotStyles.ARCHIVER);
        archiver.setId("slots-archiver");
        archiver.setWrapText(true);
        content.getStyleClass().add(SlotStyles.SLOTS);
        content.getChildren().setAll(title, archiver, nodes);
        root.getStyleClass().add(SlotStyles.SLOTS);
        root.setFitToWidth(true);
        root.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        subscription = vm.nodesProperty().subscribe(n -> refresh());
    }

    /** The node to put in a window. */
    public Parent root() {
        return root;
    }

    /** Stops listening to the view model. */
    public void dispose() {
        subscription.unsubscribe();
    }

    private void refresh() {
        List<NodeSlots> data = vm.nodesProperty().get();
        String leader = vm.leaderProperty().get();
        NodeSlots leaderSlots = data.stream().filter(n -> n.node().equals(leader)).findFirst().orElse(null);
        archiver.setText((leader == null ? "No leader" : leader) + " · " + SlotPresentation.archiver(
                leaderSlots == null ? null : leaderSlots.archiver(), vm.nowProperty().get(), vm.zone()));
        Tone tone = SlotPresentation.archiverTone(leaderSlots == null ? null : leaderSlots.archiver());
        Styles.setTone(archiver, tone == Tone.NEUTRAL ? null : tone);
        if (data.isEmpty()) {
            Label none = new Label("No slot data yet: the nodes have not been read.");
            none.getStyleClass().add(Styles.PLACEHOLDER);
            nodes.getChildren().setAll(none);
            return;
        }
        nodes.getChildren().setAll(data.stream().map(n -> node(n, n.node().equals(leader))).toList());
    }

    private Node node(NodeSlots n, boolean isLeader) {
        Label name = new Label(n.node());
        name.getStyleClass().add(SlotStyles.NODE_NAME);
        Label role = new Label(io.pilothouse.views.format.RoleWords.ofServer(isLeader, n.inRecovery()));
        role.getStyleClass().add(Styles.CHIP);
        Label position = new Label((n.inRecovery() ? "received WAL " : "current WAL ")
                + SlotPresentation.orNone(n.walPosition()));
        position.getStyleClass().addAll(Styles.MONO, Styles.MUTED);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        long flagged = n.flagged().size();
        Label count = new Label(n.slots().size() + (n.slots().size() == 1 ? " slot" : " slots")
                + (flagged == 0 ? "" : " · " + flagged + " need attention"));
        count.getStyleClass().add(Styles.MUTED);
        Styles.setTone(count, flagged == 0 ? null : Tone.WARN);
        HBox header = new HBox(10, name, role, position, spacer, count);
        header.getStyleClass().add(SlotStyles.NODE_HEADER);
        header.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(6, header, SlotsTable.create(n.node(), n.slots(), () -> vm.nowProperty().get(),
                vm.zone()));
        box.getStyleClass().add(SlotStyles.NODE);
        return box;
    }
}
