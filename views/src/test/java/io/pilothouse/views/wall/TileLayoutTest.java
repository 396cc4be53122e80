package io.pilothouse.views.wall;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The wall's grid at 1920x1080 (less the strip): a screenful of small tiles, or fewer larger ones. */
class TileLayoutTest {

    private static final double W = 1904;
    private static final double H = 990;

    @Test
    void anEstateThatFillsTheScreenGetsTheSmallestTilesAtNormalType() {
        assertThat(TileLayout.of(W, H, 370, 230, 50)).isEqualTo(new TileLayout(5, 4, 1));
        assertThat(TileLayout.of(W, H, 370, 230, 20)).isEqualTo(new TileLayout(5, 4, 1));
        assertThat(TileLayout.of(W, H, 370, 230, 0)).isEqualTo(new TileLayout(5, 4, 1));
    }

    @Test
    void threeClustersFillTheScreenAsTwoByTwoWithTypeMoreThanTwiceAsLarge() {
        TileLayout three = TileLayout.of(W, H, 370, 230, 3);

        assertThat(three.columns()).isEqualTo(2);
        assertThat(three.rows()).isEqualTo(2);
        assertThat(three.scale()).isBetween(2.0, TileLayout.MAX_SCALE);
    }

    @Test
    void everyClusterGetsATileAndTheTypeNeverShrinksNorGrowsPastTheCap() {
        for (int n = 1; n < 20; n++) {
            TileLayout l = TileLayout.of(W, H, 370, 230, n);
            assertThat(l.columns() * l.rows()).as("tiles for %d clusters", n).isGreaterThanOrEqualTo(n);
            assertThat(l.scale()).as("scale for %d clusters", n).isBetween(1.0, TileLayout.MAX_SCALE);
        }
        assertThat(TileLayout.of(W, H, 370, 230, 1).scale()).isEqualTo(TileLayout.MAX_SCALE);
    }
}
