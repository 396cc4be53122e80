package io.pilothouse.views.shards;

import io.pilothouse.services.shards.map.MapShard;
import io.pilothouse.services.shards.map.ShardBound;
import io.pilothouse.views.format.ByteSizeFormat;

import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** Words and numbers of the shard map: sizes, rows, write rates, skew. */
public final class ShardText {

    /** What a tile says when its node could not be read. */
    public static final String SIZE_UNKNOWN = "size unknown";

    private ShardText() {
    }

    /** {@code 12.3 MiB}, or {@link #SIZE_UNKNOWN}. */
    public static String size(OptionalLong bytes) {
        return bytes.isPresent() ? ByteSizeFormat.format(bytes.getAsLong()) : SIZE_UNKNOWN;
    }

    /** {@code 9,876 rows}, {@code 125k rows}, {@code 1.25M rows} (estimates, so rounded), or {@code rows unknown}. */
    public static String rows(OptionalLong rows) {
        if (rows.isEmpty()) {
            return "rows unknown";
        }
        long r = rows.getAsLong();
        return compact(r) + (r == 1 ? " row" : " rows");
    }

    /** {@code 12.5 writes/s}, {@code 0 writes/s}, or {@code writes/s unknown} (first read, or node not read). */
    public static String writes(OptionalDouble perSecond) {
        if (perSecond.isEmpty()) {
            return "writes/s unknown";
        }
        double w = perSecond.getAsDouble();
        if (w == 0) {
            return "0 writes/s";
        }
        return (w >= 100 ? String.format(Locale.ROOT, "%,.0f", w) : String.format(Locale.ROOT, "%.1f", w))
                + " writes/s";
    }

    /**
     * A bound short enough for a tile: a range's midnight times are dropped ({@code 2026-06-01 → 2026-07-01}); the
     * tooltip and the details keep {@link ShardBound#display()} in full.
     */
    public static String bound(ShardBound bound) {
        return bound.display().replaceAll(" 00:00:00(\\+00|\\+00:00|Z)?(?= →|$)", "");
    }

    /** Exact bytes for the details pane: {@code 12.3 MiB (12,897,484 bytes)}. */
    public static String exactSize(OptionalLong bytes) {
        return bytes.isPresent()
                ? ByteSizeFormat.format(bytes.getAsLong()) + String.format(Locale.ROOT, " (%,d bytes)", bytes.getAsLong())
                : SIZE_UNKNOWN;
    }

    /** {@code skew 1.42 (shard2 largest)}. */
    public static String skew(double skew, String largest) {
        return String.format(Locale.ROOT, "skew %.2f (%s largest)", skew, largest);
    }

    /** A share of a whole as a whole percentage ({@code 34 %}), {@code <1 %} for a sliver. */
    public static String share(double fraction) {
        if (fraction > 0 && fraction < 0.005) {
            return "<1 %";
        }
        return Math.round(fraction * 100) + " %";
    }

    /** {@code 1 shard} / {@code 8 shards}. */
    public static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    /** Tooltip text of a tile: everything about the shard, one fact a line. */
    public static String tooltip(MapShard s, String nodeLabel) {
        StringBuilder t = new StringBuilder(s.name());
        t.append("\nbound: ").append(s.bound().display());
        t.append("\nnode: ").append(nodeLabel);
        if (s.remoteTable() != null) {
            t.append("\ntable there: ").append(s.remoteTable());
        }
        t.append(s.foreign() ? "\nforeign table (postgres_fdw)" : "\nlocal");
        t.append("\nsize: ").append(exactSize(s.bytes()));
        t.append("\n").append(rows(s.rows()));
        t.append("\n").append(writes(s.writesPerSecond()));
        if (s.problem() != null) {
            t.append("\nproblem: ").append(s.problem());
        }
        return t.toString();
    }

    private static String compact(long r) {
        if (r < 10_000) {
            return String.format(Locale.ROOT, "%,d", r);
        }
        if (r < 1_000_000) {
            return String.format(Locale.ROOT, "%.1fk", r / 1000.0).replace(".0k", "k");
        }
        return String.format(Locale.ROOT, "%.2fM", r / 1_000_000.0);
    }
}
