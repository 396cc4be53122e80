package io.pilothouse.views.wall;

import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.StackPane;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The tiles of one page in columns and rows that fill the screen. The tiles are made once per layout (when the size
 * changes) and reused for every snapshot and every page: 500 clusters cost one page of nodes.
 */
final class WallGrid {

    private final StackPane root = new StackPane();
    private final GridPane grid = new GridPane();
    private final Label empty = new Label("No cluster found yet: waiting for the workspace's sources to answer");
    private final List<WallTile> tiles = new ArrayList<>();
    private final WallOptions options;
    private final IntConsumer tilesPerPage;
    private List<TileModel> page = List.of();
    private int columns;
    private int rows;

    /** @param tilesPerPage told how many tiles fit whenever the size changes that */
    WallGrid(WallOptions options, IntConsumer tilesPerPage) {
        this.options = options;
        this.tilesPerPage = tilesPerPage;
        grid.getStyleClass().add(WallStyles.GRID);
        empty.getStyleClass().add(WallStyles.EMPTY);
        empty.setVisible(false);
        root.getChildren().addAll(grid, empty);
        root.widthProperty().addListener((o, a, b) -> fit());
        root.heightProperty().addListener((o, a, b) -> fit());
    }

    Parent root() {
        return root;
    }

    /** The tiles in use, in screen order (left to right, top to bottom). */
    List<WallTile> tilesShown() {
        return tiles.stream().filter(t -> t.shown() != null).toList();
    }

    /** How many tiles were ever made (reuse means this stays one page's worth). */
    int tilesMade() {
        return tiles.size();
    }

    /** Draws {@code models} on the tiles, in order. */
    void show(List<TileModel> models) {
        page = models;
        for (int i = 0; i < tiles.size(); i++) {
            if (i < models.size()) {
                tiles.get(i).show(models.get(i));
            } else {
                tiles.get(i).clear();
            }
        }
        empty.setVisible(models.isEmpty());
    }

    private void fit() {
        double w = root.getWidth();
        double h = root.getHeight();
        if (w <= 0 || h <= 0) {
            return;
        }
        int c = Math.max(1, (int) (w / options.tileWidth()));
        int r = Math.max(1, (int) (h / options.tileHeight()));
        if (c == columns && r == rows) {
            return;
        }
        columns = c;
        rows = r;
        grid.getChildren().clear();
        grid.getColumnConstraints().clear();
        grid.getRowConstraints().clear();
        for (int i = 0; i < c; i++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(100.0 / c);
            cc.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().add(cc);
        }
        for (int i = 0; i < r; i++) {
            RowConstraints rc = new RowConstraints();
            rc.setPercentHeight(100.0 / r);
            rc.setVgrow(Priority.ALWAYS);
            grid.getRowConstraints().add(rc);
        }
        while (tiles.size() < c * r) {
            tiles.add(new WallTile());
        }
        while (tiles.size() > c * r) {
            tiles.remove(tiles.size() - 1);
        }
        for (int i = 0; i < tiles.size(); i++) {
            grid.add(tiles.get(i).root(), i % c, i / c);
            tiles.get(i).clear();
        }
        show(page);
        tilesPerPage.accept(c * r);
    }
}
