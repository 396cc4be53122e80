package io.pilothouse.views.shards;

import io.pilothouse.services.live.EstateSnapshot;
import io.pilothouse.services.shards.map.MapShard;
import io.pilothouse.services.shards.map.MapTable;
import io.pilothouse.services.shards.map.ShardMap;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
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
import java.util.Objects;

/**
 * The shard map: map and table selectors, the table's line (strategy, size, skew) and problems, one lane per node
 * with its HA badge and its shards as tiles, and the selected shard's details. Lanes are rebuilt only when the
 * layout changes, and tiles are reused when a re-read keeps the same shards, so focus survives the 5 s refresh.
 * Up/Down walk the tiles of a lane, Left/Right jump to the neighbouring lane; focusing a tile selects it.
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
    private final HBox lanes = new HBox(12);
    private final ScrollPane lanesScroll = new ScrollPane(lanes);
    private final ShardDetails details = new ShardDetails();
    private final List<ShardLane> laneViews = new ArrayList<>();
    private final Subscription subscriptions;
    private boolean updatingChoices;

    public ShardMapView(ShardMapViewModel vm) {
        this.vm = vm;
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

        lanes.getStyleClass().add(ShardStyles.LANES);
        lanes.setAlignment(Pos.TOP_LEFT);
        lanesScroll.setId("shards-lanes");
        lanesScroll.setFocusTraversable(false);
        lanesScroll.getStyleClass().add(ShardStyles.LANES);
        empty.setId("shards-empty");
        empty.getStyleClass().add(ShardStyles.EMPTY);
        empty.setWrapText(true);
        empty.textProperty().bind(vm.emptyTextProperty());
        StackPane centre = new StackPane(lanesScroll, empty);
        StackPane.setAlignment(empty, Pos.TOP_LEFT);
        root.setTop(header);
        root.setCenter(centre);
        root.setRight(details.root());

        lanes.addEventFilter(KeyEvent.KEY_PRESSED, this::onArrow);
        lanes.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            for (javafx.scene.Node n = e.getPickResult().getIntersectedNode(); n != null && n != lanes; n = n.getParent()) {
                if (n instanceof ShardTile t) {
                    // Consumed: the scroll pane would otherwise take the focus back on the same press.
                    e.consume();
                    t.requestFocus();
                    vm.selectShard(t.shard());
                    return;
                }
            }
        });
        root.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.F5) {
                e.consume();
                vm.refresh();
            }
        });

        subscriptions = Subscription.combine(
                vm.mapsProperty().subscribe(this::showMapChoices),
                vm.selectedMapProperty().subscribe(this::showTableChoices),
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
    public java.util.Optional<Region> lane(String label) {
        return laneViews.stream().filter(l -> l.lane().label().equals(label)).map(l -> (Region) l).findFirst();
    }

    /** Labels of the lanes shown, left to right. */
    public List<String> laneLabels() {
        return laneViews.stream().map(l -> l.lane().label()).toList();
    }

    /** Shard names in a lane, in order (tests). */
    public List<String> shardsIn(String laneLabel) {
        return laneViews.stream().filter(l -> l.lane().label().equals(laneLabel))
                .flatMap(l -> l.tiles().stream()).map(t -> t.shard().name()).toList();
    }

    /** The tile of a shard, if shown. */
    public java.util.Optional<Region> tile(String shardName) {
        return laneViews.stream().flatMap(l -> l.tiles().stream()).filter(t -> t.shard().name().equals(shardName))
                .map(t -> (Region) t).findFirst();
    }

    /** The HA badge text of a node's lane (tests). */
    public String haText(String laneLabel) {
        return laneViews.stream().filter(l -> l.lane().label().equals(laneLabel)).map(l -> l.badge().getText())
                .findFirst().orElse(null);
    }

    /** The details pane (tests). */
    public Parent detailsRoot() {
        return details.root();
    }

    public void dispose() {
        subscriptions.unsubscribe();
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
            mapChoice.setDisable(names.size() < 2);
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
        lanesScroll.setVisible(layout != null);
        tableLine.setText(layout == null ? "" : layout.table().name() + ": " + layout.header());
        List<Label> lines = new ArrayList<>();
        if (layout != null) {
            layout.map().problems().forEach(p -> lines.add(problem(p)));
            layout.problems().forEach(p -> lines.add(problem(p)));
        }
        problems.getChildren().setAll(lines);
        problems.setVisible(!lines.isEmpty());
        problems.setManaged(!lines.isEmpty());
        if (layout == null) {
            laneViews.clear();
            lanes.getChildren().clear();
            details.show(null, null);
            return;
        }
        boolean same = laneViews.size() == layout.lanes().size();
        for (int i = 0; same && i < laneViews.size(); i++) {
            same = Objects.equals(laneViews.get(i).lane().label(), layout.lanes().get(i).label());
        }
        if (!same) {
            laneViews.clear();
            layout.lanes().forEach(l -> laneViews.add(new ShardLane(vm::selectShard)));
            lanes.getChildren().setAll(laneViews);
        }
        long largest = layout.largestShard();
        for (int i = 0; i < laneViews.size(); i++) {
            laneViews.get(i).show(layout.lanes().get(i), largest);
            laneViews.get(i).showHa(vm.estateProperty().get());
        }
        showSelection(vm.selectedShardProperty().get());
    }

    private static Label problem(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(ShardStyles.PROBLEM);
        l.setWrapText(true);
        return l;
    }

    private void showHa(EstateSnapshot estate) {
        laneViews.forEach(l -> l.showHa(estate));
    }

    private void showSelection(MapShard shard) {
        TableLayout layout = vm.layoutProperty().get();
        for (ShardLane l : laneViews) {
            for (ShardTile t : l.tiles()) {
                t.setSelected(shard != null && t.shard().name().equals(shard.name()));
            }
        }
        details.show(shard, layout);
    }

    private void onArrow(KeyEvent e) {
        if (!(e.getTarget() instanceof ShardTile tile)) {
            return;
        }
        int lane = -1;
        int index = -1;
        for (int i = 0; i < laneViews.size() && lane < 0; i++) {
            int at = laneViews.get(i).tiles().indexOf(tile);
            if (at >= 0) {
                lane = i;
                index = at;
            }
        }
        if (lane < 0) {
            return;
        }
        int nextLane = lane;
        int nextIndex = index;
        switch (e.getCode()) {
            case UP -> nextIndex--;
            case DOWN -> nextIndex++;
            case LEFT -> nextLane--;
            case RIGHT -> nextLane++;
            case ENTER, SPACE -> {
                vm.selectShard(tile.shard());
                e.consume();
                return;
            }
            default -> {
                return;
            }
        }
        e.consume();
        if (nextLane < 0 || nextLane >= laneViews.size()) {
            return;
        }
        List<ShardTile> tiles = laneViews.get(nextLane).tiles();
        if (tiles.isEmpty() || nextIndex < 0 || nextIndex >= tiles.size() && nextLane == lane) {
            return;
        }
        focus(tiles.get(Math.min(nextIndex, tiles.size() - 1)));
    }

    private void focus(ShardTile t) {
        t.requestFocus();
        vm.selectShard(t.shard());
        // Keep the focused tile in sight in a long lane.
        javafx.geometry.Bounds b = t.localToScene(t.getBoundsInLocal());
        javafx.geometry.Bounds content = lanes.sceneToLocal(b);
        double h = lanes.getHeight() - lanesScroll.getViewportBounds().getHeight();
        if (h > 0 && content != null) {
            lanesScroll.setVvalue(Math.max(0, Math.min(1, (content.getMinY() - 40) / h)));
        }
    }
}
