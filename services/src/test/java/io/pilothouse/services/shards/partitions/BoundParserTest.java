package io.pilothouse.services.shards.partitions;

import io.pilothouse.services.shards.map.ShardBound;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BoundParserTest {

    @Test
    void readsEveryKindOfBoundPostgresPrints() {
        assertThat(BoundParser.parse("FOR VALUES WITH (modulus 8, remainder 3)"))
                .isEqualTo(new ShardBound.Hash(8, 3));
        assertThat(BoundParser.parse("FOR VALUES FROM ('2026-01-01 00:00:00+00') TO ('2026-02-01 00:00:00+00')"))
                .isEqualTo(new ShardBound.Range("'2026-01-01 00:00:00+00'", "'2026-02-01 00:00:00+00'"));
        assertThat(BoundParser.parse("FOR VALUES FROM (MINVALUE) TO (10)"))
                .isEqualTo(new ShardBound.Range("MINVALUE", "10"));
        assertThat(BoundParser.parse("FOR VALUES IN ('eu', 'us')")).isEqualTo(new ShardBound.ListOf("'eu', 'us'"));
        assertThat(BoundParser.parse("DEFAULT")).isEqualTo(new ShardBound.Default());
        assertThat(BoundParser.parse("something else")).isEqualTo(new ShardBound.Other("something else"));
    }

    @Test
    void aQuotedLiteralContainingTheToKeywordDoesNotSplitTheRange() {
        assertThat(BoundParser.parse("FOR VALUES FROM ('a) TO (b') TO ('z')"))
                .isEqualTo(new ShardBound.Range("'a) TO (b'", "'z'"));
    }

    @Test
    void unquotesAndSplitsLiterals() {
        assertThat(BoundParser.unquote("'it''s'")).isEqualTo("it's");
        assertThat(BoundParser.unquote("42")).isEqualTo("42");
        assertThat(BoundParser.values("1, 'a,b', MINVALUE")).containsExactly("1", "'a,b'", "MINVALUE");
    }
}
