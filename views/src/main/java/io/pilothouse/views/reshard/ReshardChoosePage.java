package io.pilothouse.views.reshard;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.Subscription;

import java.util.function.Consumer;

/**
 * The choice page: the partition (an editable combo filled from the shard map, each with its node and size), the
 * target server (the map's other nodes), the coordinator cluster and the role; Plan runs in the background.
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
        keep.accept(model.options().subscribe(() -> partition.getItems().setAll(
                model.options().stream().map(PartitionOption::partition).toList())));
        partition.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(String name, boolean empty) {
                super.updateItem(name, empty);
                setText(empty || name == null ? null : name + "   " + model.option(name)
                        .map(PartitionOption::details).orElse(""));
            }
        });
        follow(partition, model.partitionProperty(), keep);
        Label details = new Label();
        details.setId("reshard-partition-details");
        details.getStyleClass().add("ph-muted");
        details.textProperty().bind(model.partitionProperty().map(p -> model.option(p)
                .map(o -> o.details() + " \u00b7 table " + o.table()).orElse("")));

        ComboBox<String> target = new ComboBox<>(model.targets());
        target.setId("reshard-target");
        target.setEditable(true);
        target.setPromptText("the coordinator's foreign server, e.g. shard1");
        target.setPrefWidth(420);
        follow(target, model.targetProperty(), keep);

        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(8);
        grid.addRow(0, new Label("Partition"), partition);
        grid.add(details, 1, 1);
        grid.addRow(2, new Label("Target server"), target);
        Label coordinator = new Label(model.cluster());
        grid.addRow(3, new Label("Coordinator cluster"), coordinator);
        javafx.scene.control.TextField role = new javafx.scene.control.TextField();
        role.setId("reshard-role");
        role.setPrefColumnCount(16);
        role.textProperty().bindBidirectional(model.roleProperty());
        Label roleHint = new Label("connects as this role on every node (a superuser: subscriptions need one); "
                + "password from pgpass or the keyring");
        roleHint.getStyleClass().add("ph-muted");
        HBox roleRow = new HBox(10, role, roleHint);
        roleRow.setAlignment(Pos.CENTER_LEFT);
        grid.addRow(4, new Label("Connect as"), roleRow);

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
        Label hint = new Label("Choose a partition of the coordinator's partitioned tables and the node to move it "
                + "to (named by the coordinator's postgres_fdw server for it). Planning changes nothing.");
        hint.setWrapText(true);
        hint.getStyleClass().add("ph-muted");
        HBox bar = ReshardWizard.buttons(cancel, plan);
        bar.getChildren().add(0, reading);
        return new VBox(14, hint, grid, bar);
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
