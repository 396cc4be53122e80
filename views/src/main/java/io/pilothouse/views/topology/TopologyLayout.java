package io.pilothouse.views.topology;

import javafx.geometry.Dimension2D;
import javafx.geometry.Rectangle2D;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Places the nodes of a {@link TopologyTree} as a tidy top-down tree: each row as tall as its tallest card, each
 * subtree as wide as its cards or its children, parents centred over their subtree. Pure geometry; the pane
 * measures the cards and positions them from the result.
 */
public final class TopologyLayout {

    private final Map<String, Rectangle2D> bounds;
    private final double width;
    private final double height;

    private TopologyLayout(Map<String, Rectangle2D> bounds, double width, double height) {
        this.bounds = bounds;
        this.width = width;
        this.height = height;
    }

    /**
     * @param tree  who hangs under whom
     * @param size  preferred size of each node's card
     * @param hgap  horizontal gap between sibling subtrees
     * @param vgap  vertical gap between rows (room for the edge labels)
     */
    public static TopologyLayout of(TopologyTree tree, Function<String, Dimension2D> size, double hgap, double vgap) {
        Map<String, Double> subtreeWidth = new HashMap<>();
        List<Double> rowHeights = new ArrayList<>();
        double total = 0;
        for (String root : tree.roots()) {
            total += measure(tree, root, 0, size, hgap, subtreeWidth, rowHeights);
        }
        total += hgap * Math.max(0, tree.roots().size() - 1);

        List<Double> rowTops = new ArrayList<>();
        double y = 0;
        for (double h : rowHeights) {
            rowTops.add(y);
            y += h + vgap;
        }
        double height = rowHeights.isEmpty() ? 0 : y - vgap;

        Map<String, Rectangle2D> bounds = new HashMap<>();
        double left = 0;
        for (String root : tree.roots()) {
            place(tree, root, 0, left, size, hgap, subtreeWidth, rowTops, bounds);
            left += subtreeWidth.get(root) + hgap;
        }
        return new TopologyLayout(Map.copyOf(bounds), total, height);
    }

    /** Where a node's card goes, relative to the layout's top-left corner; null if the node is not in the tree. */
    public Rectangle2D bounds(String node) {
        return bounds.get(node);
    }

    /** Width of the whole tree. */
    public double width() {
        return width;
    }

    /** Height of the whole tree. */
    public double height() {
        return height;
    }

    private static double measure(TopologyTree tree, String node, int depth, Function<String, Dimension2D> size,
                                  double hgap, Map<String, Double> widths, List<Double> rowHeights) {
        Dimension2D own = size.apply(node);
        if (rowHeights.size() <= depth) {
            rowHeights.add(own.getHeight());
        } else {
            rowHeights.set(depth, Math.max(rowHeights.get(depth), own.getHeight()));
        }
        List<String> kids = tree.children(node);
        double kidsWidth = 0;
        for (String k : kids) {
            kidsWidth += measure(tree, k, depth + 1, size, hgap, widths, rowHeights);
        }
        kidsWidth += hgap * Math.max(0, kids.size() - 1);
        double w = Math.max(own.getWidth(), kidsWidth);
        widths.put(node, w);
        return w;
    }

    private static void place(TopologyTree tree, String node, int depth, double left, Function<String, Dimension2D> size,
                              double hgap, Map<String, Double> widths, List<Double> rowTops,
                              Map<String, Rectangle2D> out) {
        Dimension2D own = size.apply(node);
        double w = widths.get(node);
        out.put(node, new Rectangle2D(left + (w - own.getWidth()) / 2, rowTops.get(depth), own.getWidth(),
                own.getHeight()));
        List<String> kids = tree.children(node);
        double kidsWidth = hgap * Math.max(0, kids.size() - 1);
        for (String k : kids) {
            kidsWidth += widths.get(k);
        }
        double x = left + (w - kidsWidth) / 2;
        for (String k : kids) {
            place(tree, k, depth + 1, x, size, hgap, widths, rowTops, out);
            x += widths.get(k) + hgap;
        }
    }
}
