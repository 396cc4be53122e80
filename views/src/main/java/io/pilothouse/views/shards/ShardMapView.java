package io.pilothouse.views.shards;

import io.pilothouse.services.model.EstateSnapshot;
import io.pilothouse.services.shards.map.MapShard;
import io.pilothouse.services.shards.map.MapTable;
import io.pilothouse.services.shards.map.ShardMap;
import io.pilothouse.views.SidePanes;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Subscription;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The shard map: map and table selectors, the table's line (strategy, size, skew) and problems, one lane per node
 * with its HA badge and its shards as tiles ({@link ShardLanes}), and the selected shard's details. F5 reads again.
 */
public final class ShardMapView {

    private final ShardMapViewModel vm;
    private final BorderPane root = new BorderPane();
    private final ComboBox<String> mapChoice = new ComboBox<>();
    private final ComboBox<String> tableChoice = new ComboBox<>();
    private final Button refresh = new Button("Refresh", new FontIcon(MaterialDesignR.REFRESH));
    private final Label tableLine = new Label();
    private final VBox problems = new VBox(2);
    private final Label error = new Label();
    private final Label empty = new Label();
    private final ShardLanes lanes;
    private final ShardDetails details = new ShardDetails();
    private final Subscription subscriptions;
    private final SidePanes panes;
    private boolean updatingChoices;

    public ShardMapView(ShardMapViewModel vm) {
        this.vm = vm;
        this.lanes = new ShardLanes(vm);
        root.getStyleClass().add(ShardStyles.SHARD_MAP);
        root.getProperties().put(ShardMapView.class, this);

        Label title = new Label("Shard map");
        title.getStyleClass().add(ShardStyles.TITLE);
        title.setMinWidth(Region.USE_PREF_SIZE);
        Label summary = new Label();
        summary.setId("shards-summary");
        summary.getStyleClass().add(ShardStyles.SUMMARY);
        summary.textProperty().bind(vm.summaryProperty());
        mapChoice.setId("shards-map-choice");
        mapChoice.setPromptText("Map");
        mapChoice.setAccessibleText("Shard map");
        tableChoice.setId("shards-table-choice");
        tableChoice.setPromptText("Table");
        tableChoice.setAccessibleText("Sharded table");
        Label mapLabel = new Label("_Map", mapChoice);
        mapLabel.setMnemonicParsing(true);
        mapLabel.setLabelFor(mapChoice);
        mapLabel.setContentDisplay(javafx.scene.control.ContentDisplay.RIGHT);
        Label tableLabel = new Label("_Table", tableChoice);
        tableLabel.setMnemonicParsing(true);
        tableLabel.setLabelFor(tableChoice);
        tableLabel.setContentDisplay(javafx.scene.control.ContentDisplay.RIGHT);
        refresh.setId("shards-refresh");
        refresh.setMinWidth(Region.USE_PREF_SIZE);
        refresh.setOnAction(e -> vm.refresh());
        refresh.disableProperty().bind(vm.loadingProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(12, title, summary, spacer, mapLabel, tableLabel, refresh);
        top.setAlignment(Pos.CENTER_LEFT);

        error.setId("shards-error");
        error.getStyleClass().add(ShardStyles.PROBLEM);
        error.setWrapText(true);
        error.textProperty().bind(vm.errorProperty());
        error.visibleProperty().bind(vm.errorProperty().isNotNull());
        error.managedProperty().bind(error.visibleProperty());
        tableLine.setId("shards-table-line");
        tableLine.getStyleClass().add(ShardStyles.TABLE_LINE);
        problems.setId("shards-problems");
        VBox header = new VBox(6, top, error, tableLine, problems);
        header.getStyleClass().add(ShardStyles.HEADER);

        empty.setId("shards-empty");
        empty.getStyleClass().add(ShardStyles.EMPTY);
        empty.setWrapText(true);
        empty.textProperty().bind(vm.emptyTextProperty());
        StackPane centre = new StackPane(lanes.root(), empty);
        StackPane.setAlignment(empty, Pos.TOP_LEFT);
        root.setTop(header);
        // The details take room only while a tile is selected: an empty 300 px pane took it from the lanes.
        panes = new SidePanes(null, 0, centre, (Region) details.root(), 300,
                vm.selectedShardProperty().isNotNull());
        root.setCenter(panes.root());

        root.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.F5) {
                e.consume();
                vm.refresh();
            }
        });

        subscriptions = Subscription.combine(
                vm.mapsProperty().subscribe(this::showMapChoices),
                vm.selectedMapProperty().subscribe(map -> {
                    showTableChoices(map);
                    showProblems();
                }),
                vm.layoutProperty().subscribe(this::showLayout),
                vm.estateProperty().subscribe(this::showHa),
                vm.selectedShardProperty().subscribe(this::showSelection),
                mapChoice.valueProperty().subscribe(name -> {
                    if (!updatingChoices && name != null) {
                        vm.selectMap(name);
                    }
                }),
                tableChoice.valueProperty().subscribe(name -> {
                    if (!updatingChoices && name != null) {
                        vm.selectTable(name);
                    }
                }));
    }

    public Parent root() {
        return root;
    }

    public Button refreshButton() {
        return refresh;
    }

    public ComboBox<String> mapChoice() {
        return mapChoice;
    }

    public ComboBox<String> tableChoice() {
        return tableChoice;
    }

    /** The lane of a node (by label, or {@link TableLayout#NO_HOME}), if shown. */
    public Optional<Region> lane(String label) {
        return lanes.lane(label).map(l -> (Region) l);
    }

    /** Labels of the lanes shown, left to right. */
    public List<String> laneLabels() {
        return lanes.labels();
    }

    /** Shard names in a lane, in order (tests). */
    public List<String> shardsIn(String laneLabel) {
        return lanes.lane(laneLabel).map(l -> l.tiles().stream().map(t -> t.shard().name()).toList())
                .orElse(List.of());
    }

    /** The tile of a shard, if shown. */
    public Optional<Region> tile(String shardName) {
        return lanes.tile(shardName);
    }

    /** The HA badge text of a node's lane (tests). */
    public String haText(String laneLabel) {
        return lanes.lane(laneLabel).map(l -> l.badge().getText()).orElse(null);
    }

    /**
     * Offers "Move or split…" for the selected partition of a native map; {@code action} gets the map (its first node
     * is the coordinator) and the shard.
     */
    public void setOnMove(java.util.function.BiConsumer<io.pilothouse.services.shards.map.ShardMap,
            io.pilothouse.services.shards.map.MapShard> action) {
        details.setOnMove(action);
    }

    /** The details pane (tests). */
    public Parent detailsRoot() {
        return details.root();
    }

    public void dispose() {
        subscriptions.unsubscribe();
        panes.dispose();
    }

    private void showMapChoices(List<ShardMap> maps) {
        updatingChoices = true;
        try {
            List<String> names = maps.stream().map(ShardMap::name).toList();
            if (!names.equals(mapChoice.getItems())) {
                mapChoice.getItems().setAll(names);
            }
            ShardMap selected = vm.selectedMapProperty().get();
            mapChoice.setValue(selected == null ? null : selected.name());
        } finally {
            updatingChoices = false;
        }
    }

    private void showTableChoices(ShardMap map) {
        updatingChoices = true;
        try {
            List<String> names = map == null ? List.of() : map.tables().stream().map(MapTable::name).toList();
            if (!names.equals(tableChoice.getItems())) {
                tableChoice.getItems().setAll(names);
            }
            mapChoice.setValue(map == null ? null : map.name());
            tableChoice.setDisable(names.isEmpty());
        } finally {
            updatingChoices = false;
        }
    }

    private void showLayout(TableLayout layout) {
        updatingChoices = true;
        try {
            tableChoice.setValue(layout == null ? null : layout.table().name());
        } finally {
            updatingChoices = false;
        }
        empty.setVisible(layout == null);
        tableLine.setText(layout == null ? "" : layout.table().name() + ": " + layout.header());
        showProblems();
        lanes.show(layout, vm.estateProperty().get());
        showSelection(vm.selectedShardProperty().get());
    }

    private void showProblems() {
        // The map's own problems show even when it has no table to draw (its coordinator could not be read).
        List<Label> lines = new ArrayList<>();
        ShardMap map = vm.selectedMapProperty().get();
        TableLayout layout = vm.layoutProperty().get();
        if (map != null) {
            map.problems().forEach(p -> lines.add(problem(p)));
        }
        if (layout != null) {
            layout.problems().forEach(p -> lines.add(problem(p)));
        }
        problems.getChildren().setAll(lines);
        problems.setVisible(!lines.isEmpty());
        problems.setManaged(!lines.isEmpty());
    }

    private static Label problem(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(ShardStyles.PROBLEM);
        l.setWrapText(true);
        return l;
    }

    private void showHa(EstateSnapshot estate) {
        lanes.showHa(estate);
    }

    private void showSelection(MapShard shard) {
        lanes.showSelection(shard);
        details.show(shard, vm.layoutProperty().get());
    }
}
