package io.pilothouse.views.wall;

/**
 * Columns and rows of the wall's grid, and how much the type grows. A screenful of the smallest tiles when the estate
 * fills it; otherwise the layout for that many tiles whose smallest tile is the largest, type scaled with the tile (at
 * most {@value #MAX_SCALE} times: one cluster on a wall should not be shouted).
 *
 * @param columns columns of tiles
 * @param rows    rows of tiles
 * @param scale   type scale, 1 for a full screen of tiles
 */
record TileLayout(int columns, int rows, double scale) {

    /** The most the type grows for a tiny estate. */
    static final double MAX_SCALE = 2.5;

    /**
     * @param width      room across, in pixels
     * @param height     room down
     * @param tileWidth  smallest tile width at the normal type size
     * @param tileHeight smallest tile height at the normal type size
     * @param clusters   how many clusters the estate has
     */
    static TileLayout of(double width, double height, double tileWidth, double tileHeight, int clusters) {
        int maxColumns = Math.max(1, (int) (width / tileWidth));
        int maxRows = Math.max(1, (int) (height / tileHeight));
        if (clusters <= 0 || clusters >= maxColumns * maxRows) {
            return new TileLayout(maxColumns, maxRows, 1);
        }
        TileLayout best = new TileLayout(maxColumns, maxRows, 1);
        for (int c = 1; c <= clusters; c++) {
            int r = (clusters + c - 1) / c;
            double fit = Math.min(width / c / tileWidth, height / r / tileHeight);
            if (fit >= 1 && fit > best.scale() + 1e-9) {
                best = new TileLayout(c, r, fit);
            }
        }
        return new TileLayout(best.columns(), best.rows(), Math.min(MAX_SCALE, Math.floor(best.scale() * 20) / 20));
    }
}
