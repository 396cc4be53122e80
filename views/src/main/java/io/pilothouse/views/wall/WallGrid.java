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
 * or the layout changes) and reused for every snapshot and every page: 500 clusters cost one page of nodes. An estate
 * smaller than a screenful gets fewer, larger tiles with type scaled up to match (3 clusters on a 1080p wall: 2 x 2
 * tiles of about 950 x 500 pixels, not 3 of the 20 small ones).
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
    private int clusters;
    private double scale = 1;

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

    /** Tells the grid how many clusters the estate has (the layout grows the tiles when they are few). */
    void setClusters(int n) {
        if (n != clusters) {
            clusters = n;
            fit();
        }
    }

    /** How much the tiles' type is scaled up from the normal size (1 when the estate fills a screen or more). */
    double scale() {
        return scale;
    }

    private void fit() {
        double w = root.getWidth();
        double h = root.getHeight();
        if (w <= 0 || h <= 0) {
            return;
        }
        TileLayout layout = TileLayout.of(w, h, options.tileWidth(), options.tileHeight(), clusters);
        int c = layout.columns();
        int r = layout.rows();
        if (layout.scale() != scale) {
            scale = layout.scale();
            // The tiles' type and marks are in em: one font size on the grid scales them all.
            grid.setStyle(scale == 1 ? "" : String.format(java.util.Locale.ROOT, "-fx-font-size: %.2fem;", scale));
        }
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
