package io.pilothouse.views.shards;

import io.pilothouse.services.shards.map.ShardBound;
import org.junit.jupiter.api.Test;

import java.util.OptionalDouble;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The shard map's words: tile bounds, sizes, rows, write rates, skew, shares. */
class ShardTextTest {

    @Test
    void aTileDropsMidnightFromRangeBoundsAndKeepsEverythingElse() {
        assertThat(ShardText.bound(new ShardBound.Range("'2026-06-01 00:00:00+00'", "'2026-07-01 00:00:00+00'")))
                .isEqualTo("2026-06-01 → 2026-07-01");
        assertThat(ShardText.bound(new ShardBound.Range("MINVALUE", "'2026-07-01 12:30:00+00'")))
                .isEqualTo("MINVALUE → 2026-07-01 12:30:00+00");
        assertThat(ShardText.bound(new ShardBound.Hash(8, 3))).isEqualTo("3 mod 8");
        assertThat(ShardText.bound(new ShardBound.Default())).isEqualTo("default");
    }

    @Test
    void unknownFiguresSaySoInsteadOfShowingZero() {
        assertThat(ShardText.size(OptionalLong.empty())).isEqualTo("size unknown");
        assertThat(ShardText.rows(OptionalLong.empty())).isEqualTo("rows unknown");
        assertThat(ShardText.writes(OptionalDouble.empty())).isEqualTo("writes/s unknown");
        assertThat(ShardText.writes(OptionalDouble.of(0))).isEqualTo("0 writes/s");
    }

    @Test
    void numbersAreShortOnTilesAndExactInDetails() {
        assertThat(ShardText.size(OptionalLong.of(125_829_120))).isEqualTo("120.0 MiB");
        assertThat(ShardText.exactSize(OptionalLong.of(125_829_120))).isEqualTo("120.0 MiB (125,829,120 bytes)");
        assertThat(ShardText.rows(OptionalLong.of(1))).isEqualTo("1 row");
        assertThat(ShardText.rows(OptionalLong.of(9_876))).isEqualTo("9,876 rows");
        assertThat(ShardText.rows(OptionalLong.of(125_000))).isEqualTo("125k rows");
        assertThat(ShardText.rows(OptionalLong.of(1_250_000))).isEqualTo("1.25M rows");
        assertThat(ShardText.writes(OptionalDouble.of(52.25))).isEqualTo("52.3 writes/s");
        assertThat(ShardText.writes(OptionalDouble.of(1234.4))).isEqualTo("1,234 writes/s");
        assertThat(ShardText.skew(1.4234, "shard2")).isEqualTo("skew 1.42 (shard2 largest)");
        assertThat(ShardText.share(0.468)).isEqualTo("47 %");
        assertThat(ShardText.share(0.001)).isEqualTo("<1 %");
    }
}
