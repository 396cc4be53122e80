package io.pilothouse.views.reshard;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.Subscription;

import java.util.function.Consumer;

/**
 * The choice page: move or split, the partition (an editable combo filled from the shard map, each with its node and
 * size; for a split only hash partitions are enabled), the target server (the map's other nodes), for a split the two
 * bounds it leaves and the new partition's name, the coordinator cluster and the role; Plan runs in the background.
 */
final class ReshardChoosePage {

    private final ReshardWizardModel model;
    private final Runnable close;

    ReshardChoosePage(ReshardWizardModel model, Runnable close) {
        this.model = model;
        this.close = close;
    }

    Node build(Consumer<Subscription> keep) {
        ComboBox<String> partition = new ComboBox<>();
        partition.setId("reshard-partition");
        partition.setEditable(true);
        partition.setPromptText("schema.partition, e.g. demo.orders_p3");
        partition.setPrefWidth(420);
        keep.accept(model.choice().options().subscribe(() -> partition.getItems().setAll(
                model.choice().options().stream().map(PartitionOption::partition).toList())));
        partition.setCellFactory(l -> new OptionCell());
        // A new factory rebuilds the cells, so switching to a split greys out what cannot split.
        keep.accept(model.choice().kindProperty().subscribe(k -> partition.setCellFactory(l -> new OptionCell())));
        follow(partition, model.choice().partitionProperty(), keep);
        Label details = new Label();
        details.setId("reshard-partition-details");
        details.getStyleClass().add("ph-muted");
        // Also recomputed when the options arrive: a partition chosen from the shard map comes before them.
        details.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> model.choice()
                .option(model.choice().partitionProperty().get()).map(o -> o.details() + " \u00b7 table " + o.table())
                .orElse(""), model.choice().partitionProperty(), model.choice().options()));

        ComboBox<String> target = new ComboBox<>(model.choice().targets());
        target.setId("reshard-target");
        target.setEditable(true);
        target.setPromptText("the coordinator's foreign server, e.g. shard1");
        target.setPrefWidth(420);
        follow(target, model.choice().targetProperty(), keep);

        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(8);
        // The labels keep their words; the fields' column takes what is left.
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(labels, fields);
        grid.addRow(0, new Label("Action"), kindChoice(keep));
        grid.addRow(1, new Label("Partition"), partition);
        grid.add(details, 1, 2);
        grid.addRow(3, new Label("Target server"), target);
        Label bounds = new Label();
        bounds.setId("reshard-split-bounds");
        bounds.getStyleClass().add(ReshardStyles.BOUNDS);
        bounds.textProperty().bind(model.choice().splitBoundsBinding());
        Label problem = new Label();
        problem.setId("reshard-split-problem");
        problem.getStyleClass().add(ReshardStyles.ERROR);
        problem.setWrapText(true);
        problem.textProperty().bind(model.choice().splitProblemBinding());
        showWhenText(bounds);
        showWhenText(problem);
        grid.add(new VBox(4, bounds, problem), 1, 4);
        TextField newName = new TextField();
        newName.setId("reshard-new-name");
        newName.setPrefColumnCount(24);
        newName.textProperty().bindBidirectional(model.choice().newNameProperty());
        newName.promptTextProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> model.choice()
                .option(model.choice().partitionProperty().get()).flatMap(PartitionOption::defaultSplitName)
                .map(n -> "empty: " + n).orElse("empty: the default name"), model.choice().partitionProperty(),
                model.choice().options()));
        Label newNameHint = new Label("same schema; the coordinator and the target must not have it yet");
        newNameHint.getStyleClass().add("ph-muted");
        HBox newNameRow = new HBox(10, newName, newNameHint);
        newNameRow.setAlignment(Pos.CENTER_LEFT);
        Label newNameLabel = new Label("New partition name");
        newNameLabel.setLabelFor(newName);
        grid.addRow(5, newNameLabel, newNameRow);
        for (Node n : new Node[]{newNameLabel, newNameRow}) {
            n.visibleProperty().bind(model.choice().kindProperty().isEqualTo(ReshardChoice.Kind.SPLIT));
            n.managedProperty().bind(n.visibleProperty());
        }
        Label coordinator = new Label(model.cluster());
        grid.addRow(6, new Label("Coordinator cluster"), coordinator);
        TextField role = new TextField();
        role.setId("reshard-role");
        role.setPrefColumnCount(16);
        role.textProperty().bindBidirectional(model.choice().roleProperty());
        Label roleHint = new Label("connects as this role on every node (a superuser: subscriptions need one); "
                + "password from pgpass or the keyring");
        roleHint.getStyleClass().add("ph-muted");
        roleHint.setWrapText(true);
        role.setMinWidth(Region.USE_PREF_SIZE);
        HBox roleRow = new HBox(10, role, roleHint);
        roleRow.setAlignment(Pos.CENTER_LEFT);
        grid.addRow(7, new Label("Connect as"), roleRow);

        ProgressIndicator reading = new ProgressIndicator();
        reading.setPrefSize(18, 18);
        reading.visibleProperty().bind(model.busyProperty());
        Button plan = new Button("Plan");
        plan.setId("reshard-plan");
        plan.setDefaultButton(true);
        plan.disableProperty().bind(model.canPlanBinding().not());
        plan.setOnAction(e -> model.plan());
        Button cancel = new Button("Cancel");
        cancel.setOnAction(e -> close.run());
        Label hint = new Label();
        hint.textProperty().bind(model.choice().kindProperty().map(k -> k == ReshardChoice.Kind.SPLIT
                ? "Choose a hash partition of the coordinator's partitioned tables and the node its new half goes to "
                + "(named by the coordinator's postgres_fdw server for it): the partition's modulus doubles, one half "
                + "stays where it is. Planning changes nothing."
                : "Choose a partition of the coordinator's partitioned tables and the node to move it to (named by "
                + "the coordinator's postgres_fdw server for it). Planning changes nothing."));
        hint.setWrapText(true);
        hint.getStyleClass().add("ph-muted");
        HBox bar = ReshardWizard.buttons(cancel, plan);
        bar.getChildren().add(0, reading);
        return new VBox(14, hint, grid, bar);
    }

    /** Move or split: two radio buttons (Tab reaches them, the arrow keys switch, Alt+M and Alt+S choose). */
    private Node kindChoice(Consumer<Subscription> keep) {
        ToggleGroup group = new ToggleGroup();
        RadioButton move = new RadioButton("_Move");
        move.setId("reshard-kind-move");
        move.setUserData(ReshardChoice.Kind.MOVE);
        RadioButton split = new RadioButton("_Split in two");
        split.setId("reshard-kind-split");
        split.setUserData(ReshardChoice.Kind.SPLIT);
        move.setToggleGroup(group);
        split.setToggleGroup(group);
        keep.accept(model.choice().kindProperty().subscribe(k -> group.selectToggle(k == ReshardChoice.Kind.SPLIT
                ? split : move)));
        group.selectedToggleProperty().subscribe(t -> {
            if (t != null) {
                model.choice().kindProperty().set((ReshardChoice.Kind) t.getUserData());
            }
        });
        Label hint = new Label("a hash partition splits: its modulus doubles, half of it goes to the target");
        hint.getStyleClass().add("ph-muted");
        HBox box = new HBox(16, move, split, hint);
        box.getStyleClass().add(ReshardStyles.KIND);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private static void showWhenText(Label label) {
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
    }

    /** A partition with its node and size; greyed out and not selectable when a split cannot take it. */
    private final class OptionCell extends ListCell<String> {
        @Override
        protected void updateItem(String name, boolean empty) {
            super.updateItem(name, empty);
            setText(empty || name == null ? null : name + "   " + model.choice().option(name)
                    .map(PartitionOption::details).orElse(""));
            setDisable(!empty && name != null && model.choice().unsplittable(name));
        }
    }

    /** Keeps an editable combo and a model property in step, typed text included. */
    private static void follow(ComboBox<String> combo, javafx.beans.property.StringProperty value,
                               Consumer<Subscription> keep) {
        combo.getEditor().setText(value.get());
        combo.valueProperty().subscribe(v -> {
            if (v != null && !v.equals(value.get())) {
                value.set(v);
            }
        });
        combo.getEditor().textProperty().subscribe(t -> {
            if (t != null && !t.equals(value.get())) {
                value.set(t);
            }
        });
        keep.accept(value.subscribe(v -> {
            if (!combo.getEditor().getText().equals(v)) {
                combo.getEditor().setText(v);
            }
            if (v != null && !v.equals(combo.getValue()) && combo.getItems().contains(v)) {
                combo.setValue(v);
            }
        }));
    }
}
