package io.pilothouse.services.shards.partitions;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Whether a table's partition bounds leave keys without a partition (a gap: inserts there fail) or give some keys two
 * (an overlap). Pure arithmetic: hash bounds expanded over the least common multiple of their moduli, range bounds
 * compared by rank (the caller ranks the literals with the key's own type, see {@link RangeRanks}).
 */
public final class BoundCoverage {

    /** Beyond this many residues the hash layout is not expanded (PostgreSQL's own moduli are far smaller). */
    static final long MAX_RESIDUES = 1 << 20;

    private BoundCoverage() {
    }

    /**
     * A hash partition's bound.
     *
     * @param shard     partition name, for messages
     * @param modulus   its modulus
     * @param remainder its remainder
     */
    public record HashPart(String shard, int modulus, int remainder) {
    }

    /**
     * A range partition's bound as ranks of its literals in the key's order; {@link Long#MIN_VALUE} for MINVALUE,
     * {@link Long#MAX_VALUE} for MAXVALUE.
     *
     * @param shard partition name
     * @param from  rank of the inclusive lower bound
     * @param to    rank of the exclusive upper bound
     * @param fromText lower bound as printed, for messages
     * @param toText   upper bound as printed, for messages
     */
    public record RangePart(String shard, long from, long to, String fromText, String toText) {
    }

    /** Gaps and overlaps of hash partitions, each a sentence; empty when every key has exactly one partition. */
    public static List<String> hash(List<HashPart> parts) {
        if (parts.isEmpty()) {
            return List.of("no partitions: every row is refused");
        }
        long lcm = 1;
        for (HashPart p : parts) {
            lcm = BigInteger.valueOf(lcm).multiply(BigInteger.valueOf(p.modulus()))
                    .divide(BigInteger.valueOf(lcm).gcd(BigInteger.valueOf(p.modulus()))).longValueExact();
            if (lcm > MAX_RESIDUES) {
                return List.of("hash moduli too large to check for gaps (least common multiple over "
                        + MAX_RESIDUES + ")");
            }
        }
        int n = (int) lcm;
        List<List<String>> owners = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            owners.add(new ArrayList<>(1));
        }
        for (HashPart p : parts) {
            for (int r = p.remainder(); r < n; r += p.modulus()) {
                owners.get(r).add(p.shard());
            }
        }
        List<String> problems = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            List<String> o = owners.get(r);
            if (o.isEmpty()) {
                problems.add("gap: remainder " + r + " of modulus " + n
                        + " has no partition — rows hashing there are refused");
            } else if (o.size() > 1) {
                problems.add("overlap: remainder " + r + " of modulus " + n + " is held by " + String.join(" and ", o)
                        + " — a row hashing there has two homes");
            }
        }
        return problems;
    }

    /**
     * Internal gaps and overlaps of range partitions over a single key column. Keys below the lowest or above the
     * highest bound are not reported: that is how ranges are usually left. With a default partition, gaps are not
     * problems (the default takes those rows), overlaps still are.
     */
    public static List<String> range(List<RangePart> parts, boolean hasDefault) {
        List<RangePart> sorted = parts.stream().sorted(Comparator.comparingLong(RangePart::from)
                .thenComparingLong(RangePart::to)).toList();
        List<String> problems = new ArrayList<>();
        for (int i = 1; i < sorted.size(); i++) {
            RangePart prev = sorted.get(i - 1);
            RangePart next = sorted.get(i);
            if (next.from() > prev.to() && !hasDefault) {
                problems.add("gap: no partition holds keys from " + prev.toText() + " to " + next.fromText()
                        + " (between " + prev.shard() + " and " + next.shard() + ") — rows there are refused");
            } else if (next.from() < prev.to()) {
                problems.add("overlap: " + prev.shard() + " and " + next.shard() + " both hold keys from "
                        + next.fromText() + " to " + (next.to() < prev.to() ? next.toText() : prev.toText()));
            }
        }
        return problems;
    }
}
