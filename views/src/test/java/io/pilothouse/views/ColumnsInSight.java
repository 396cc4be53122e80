package io.pilothouse.views;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Control;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TreeTableCell;
import javafx.scene.text.Text;
import javafx.stage.Window;

import java.util.ArrayList;
import java.util.List;

/**
 * What a reader cannot read in a table or tree table: a column's header or cells outside the table, or cell texts
 * drawn cut ("Roll b…"). Call on the FX thread after a layout pass.
 */
public final class ColumnsInSight {

    private ColumnsInSight() {
    }

    /** Resizes the window of {@code table} and lays its scene out again (call from the test thread). */
    public static void size(Control table, double width, double height) {
        FxTest.onFx(() -> {
            Window w = table.getScene().getWindow();
            w.setWidth(width);
            w.setHeight(height);
        });
        FxTest.waitUntil(() -> Math.abs(table.getScene().getWidth() - width) < 1);
        FxTest.onFx(() -> {
            table.getScene().getRoot().applyCss();
            table.getScene().getRoot().layout();
        });
    }

    /** Problems with the columns titled {@code titles}, in words; empty when all are readable. */
    public static List<String> problems(Control table, List<String> titles) {
        List<String> problems = new ArrayList<>();
        Bounds t = table.localToScene(table.getBoundsInLocal());
        for (String title : titles) {
            Node header = table.lookupAll(".column-header").stream()
                    .filter(n -> n.lookup(".label") instanceof Label l && title.equals(l.getText()))
                    .findFirst().orElse(null);
            if (header == null) {
                problems.add(title + ": no header");
                continue;
            }
            Bounds h = header.localToScene(header.getBoundsInLocal());
            if (h.getMinX() < t.getMinX() - 1 || h.getMaxX() > t.getMaxX() + 1) {
                problems.add(title + ": header outside the table (" + (int) h.getMinX() + ".." + (int) h.getMaxX()
                        + " of " + (int) t.getMinX() + ".." + (int) t.getMaxX() + ")");
            }
            for (Node n : table.lookupAll(".indexed-cell")) {
                if (!(n instanceof IndexedCell<?> cell) || cell.isEmpty() || !cell.isVisible()
                        || !title.equals(columnTitle(cell))) {
                    continue;
                }
                cutTexts(cell, problems, title);
            }
        }
        return problems;
    }

    /** Whether the table shows a horizontal scroll bar. */
    public static boolean scrollsSideways(Control table) {
        return table.lookupAll(".scroll-bar").stream().anyMatch(n -> n instanceof ScrollBar b
                && b.getOrientation() == javafx.geometry.Orientation.HORIZONTAL && b.isVisible());
    }

    private static String columnTitle(IndexedCell<?> cell) {
        if (cell instanceof TableCell<?, ?> c && c.getTableColumn() != null) {
            return c.getTableColumn().getText();
        }
        if (cell instanceof TreeTableCell<?, ?> c && c.getTableColumn() != null) {
            return c.getTableColumn().getText();
        }
        return null;
    }

    private static void cutTexts(Node node, List<String> problems, String title) {
        if (node instanceof Labeled l && l.getText() != null && !l.getText().isEmpty()
                && l.getContentDisplay() != ContentDisplay.GRAPHIC_ONLY) {
            String drawn = ((Parent) l).getChildrenUnmodifiable().stream().filter(c -> c instanceof Text)
                    .map(c -> ((Text) c).getText()).findFirst().orElse("");
            if (!drawn.equals(l.getText())) {
                problems.add(title + ": \"" + l.getText() + "\" drawn as \"" + drawn + "\"");
            }
        }
        if (node instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                if (c.isVisible() && !(c instanceof Text)) {
                    cutTexts(c, problems, title);
                }
            }
        }
    }
}
