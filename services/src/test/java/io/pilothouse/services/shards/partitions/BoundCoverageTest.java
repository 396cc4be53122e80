package io.pilothouse.services.shards.partitions;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BoundCoverageTest {

    private static BoundCoverage.HashPart h(int modulus, int remainder) {
        return new BoundCoverage.HashPart("p" + remainder + "m" + modulus, modulus, remainder);
    }

    @Test
    void eightRemaindersOfModulusEightCoverEveryKeyOnce() {
        assertThat(BoundCoverage.hash(List.of(h(8, 0), h(8, 1), h(8, 2), h(8, 3), h(8, 4), h(8, 5), h(8, 6),
                h(8, 7)))).isEmpty();
    }

    @Test
    void aMissingRemainderIsAGapThatRefusesRows() {
        assertThat(BoundCoverage.hash(List.of(h(4, 0), h(4, 1), h(4, 3))))
                .containsExactly("gap: remainder 2 of modulus 4 has no partition — rows hashing there are refused");
    }

    @Test
    void mixedModuliAreExpandedToTheirLeastCommonMultiple() {
        // 0 mod 2 covers 0,2,4,6 of 8; 1 mod 4 covers 1,5; 3 mod 8 covers 3; 7 mod 8 missing.
        assertThat(BoundCoverage.hash(List.of(h(2, 0), h(4, 1), h(8, 3))))
                .containsExactly("gap: remainder 7 of modulus 8 has no partition — rows hashing there are refused");
        assertThat(BoundCoverage.hash(List.of(h(2, 0), h(4, 1), h(4, 3)))).isEmpty();
    }

    @Test
    void remaindersHeldTwiceAreOverlaps() {
        assertThat(BoundCoverage.hash(List.of(h(2, 0), h(4, 0), h(2, 1))))
                .containsExactly("overlap: remainder 0 of modulus 4 is held by p0m2 and p0m4 — a row hashing there "
                        + "has two homes");
    }

    @Test
    void noHashPartitionsAtAllRefusesEveryRow() {
        assertThat(BoundCoverage.hash(List.of())).containsExactly("no partitions: every row is refused");
    }

    @Test
    void contiguousRangesHaveNoProblemsWhateverTheirOrder() {
        assertThat(BoundCoverage.range(List.of(r("b", 2, 3), r("a", Long.MIN_VALUE, 2), r("c", 3, Long.MAX_VALUE)),
                false)).isEmpty();
    }

    @Test
    void aHoleBetweenRangesIsAGapUnlessADefaultPartitionTakesIt() {
        List<BoundCoverage.RangePart> parts = List.of(r("a", 1, 2), r("c", 3, 4));
        assertThat(BoundCoverage.range(parts, false)).containsExactly(
                "gap: no partition holds keys from '2' to '3' (between a and c) — rows there are refused");
        assertThat(BoundCoverage.range(parts, true)).isEmpty();
    }

    @Test
    void rangesSharingKeysOverlapEvenWithADefault() {
        assertThat(BoundCoverage.range(List.of(r("a", 1, 3), r("b", 2, 4)), true))
                .containsExactly("overlap: a and b both hold keys from '2' to '3'");
    }

    private static BoundCoverage.RangePart r(String name, long from, long to) {
        return new BoundCoverage.RangePart(name, from, to, "'" + from + "'", "'" + to + "'");
    }
}
