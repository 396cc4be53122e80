package io.pilothouse.services.workspace.sharding;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * How one level (database or table) of a ShardingSphere standard strategy picks its target from a key. Only the
 * algorithms whose result can be computed without the application's code are modelled.
 */
public sealed interface ShardingRoute {

    /** The sharding column the route reads. */
    String column();

    /** The target name (data source or table) for {@code key}, chosen among {@code available}. */
    String target(long key, Collection<String> available);

    /** How the route picks, for display: {@code ds$->{user_id % 2}}, {@code MOD(user_id, 4)}. */
    String describe();

    /**
     * The modulus after which the route repeats ({@code key} and {@code key + period} go to the same target), or 0
     * when it does not simply repeat (an INLINE expression cannot be told apart without evaluating it, HASH_MOD
     * hashes, MOD with offsets cuts digits).
     */
    default int period() {
        return 0;
    }

    /**
     * {@code type: INLINE}, {@code props.algorithm-expression}: the expression names the target directly.
     *
     * @param column     sharding column
     * @param expression the parsed algorithm expression
     */
    record Inline(String column, ShardingExpression expression) implements ShardingRoute {
        @Override
        public String target(long key, Collection<String> available) {
            return expression.evaluate(Map.of(column, key));
        }

        @Override
        public String describe() {
            return expression.source();
        }
    }

    /**
     * How ShardingSphere's MOD and HASH_MOD algorithms turn a shard number into a target name. Verified against
     * ShardingSphere 5.4/5.5 source: {@code ShardingAutoTableAlgorithmUtils.findMatchedTargetName} builds
     * {@code prefix + padStart(suffix, suffixMinLength, '0')} and accepts it only when it is exactly one of the
     * available targets (no suffix search, so {@code t_11} is never taken for shard 1); {@code ShardingTable}
     * derives the prefix from the FIRST data node (its name without trailing digits; for tables, the logic table
     * name plus the rest without trailing digits when the physical name starts with it) and suffixMinLength as the
     * shortest {@code name.length() - prefix.length()} over all data nodes.
     *
     * @param prefix          the part before the shard number, e.g. {@code t_order_}
     * @param suffixMinLength the number is left-padded with '0' to at least this length
     */
    public record TargetNames(String prefix, int suffixMinLength) {

        private static final java.util.regex.Pattern TRAILING_DIGITS = java.util.regex.Pattern.compile("\\d+$");

        /** As ShardingTable.createDataSourceDataNode: from data source names, the first one giving the prefix. */
        public static TargetNames ofDataSources(List<String> names) {
            String prefix = TRAILING_DIGITS.matcher(names.get(0)).replaceAll("");
            return new TargetNames(prefix, minSuffix(names, prefix));
        }

        /** As ShardingTable.createTableDataNode: from physical table names of logic table {@code logicTable}. */
        public static TargetNames ofTables(String logicTable, List<String> names) {
            String first = names.get(0);
            String prefix = first.startsWith(logicTable)
                    ? logicTable + TRAILING_DIGITS.matcher(first.substring(logicTable.length())).replaceAll("")
                    : TRAILING_DIGITS.matcher(first).replaceAll("");
            return new TargetNames(prefix, minSuffix(names, prefix));
        }

        private static int minSuffix(List<String> names, String prefix) {
            return names.stream().mapToInt(n -> n.length() - prefix.length()).min().orElse(1);
        }

        /** The target for shard {@code suffix} (already zero-padded if the algorithm pads), if available. */
        String find(String suffix, Collection<String> available, String what) {
            StringBuilder name = new StringBuilder(prefix);
            for (int i = suffix.length(); i < suffixMinLength; i++) {
                name.append('0');
            }
            name.append(suffix);
            String target = name.toString();
            if (!available.contains(target)) {
                throw new IllegalArgumentException(what + " gives shard " + suffix + ", i.e. target " + target
                        + ", which is not among " + available + "; check actualDataNodes against sharding-count");
            }
            return target;
        }
    }

    /**
     * {@code type: MOD}: ShardingSphere's ModShardingAlgorithm takes the key (cut by {@code start-offset} and
     * {@code stop-offset} characters when set) modulo {@code sharding-count} with {@code BigInteger.mod}, so never
     * negative, optionally zero-pads it to the digits of {@code sharding-count - 1} ({@code zero-padding}), and
     * looks the target up through {@link TargetNames}.
     *
     * @param column        sharding column
     * @param shardingCount the {@code sharding-count} property, positive
     * @param startOffset   characters cut from the start of the key's decimal text
     * @param stopOffset    characters cut from its end
     * @param zeroPadding   the {@code zero-padding} property
     * @param names         how a shard number becomes a target name
     */
    record Mod(String column, int shardingCount, int startOffset, int stopOffset, boolean zeroPadding,
               TargetNames names) implements ShardingRoute {

        /** Without offsets or padding. */
        public Mod(String column, int shardingCount, TargetNames names) {
            this(column, shardingCount, 0, 0, false, names);
        }

        @Override
        public String target(long key, Collection<String> available) {
            long value = key;
            if (startOffset != 0 || stopOffset != 0) {
                String text = Long.toString(key);
                if (text.length() - stopOffset <= startOffset) {
                    throw new IllegalArgumentException("MOD sharding of " + column + "=" + key + ": the key is too "
                            + "short for start-offset " + startOffset + " and stop-offset " + stopOffset);
                }
                value = Long.parseLong(text.substring(startOffset, text.length() - stopOffset));
            }
            String suffix = Long.toString(Math.floorMod(value, (long) shardingCount));
            if (zeroPadding) {
                int width = Math.max(1, Integer.toString(shardingCount - 1).length());
                suffix = "0".repeat(Math.max(0, width - suffix.length())) + suffix;
            }
            return names.find(suffix, available, "MOD sharding of " + column + "=" + key);
        }

        @Override
        public String describe() {
            return "MOD(" + column + ", " + shardingCount + ")";
        }

        @Override
        public int period() {
            return startOffset == 0 && stopOffset == 0 ? shardingCount : 0;
        }
    }

    /**
     * {@code type: HASH_MOD}: ShardingSphere's HashModShardingAlgorithm takes {@code Math.abs((long)
     * value.hashCode()) % sharding-count}. The key is hashed as the {@code Long} the JDBC driver returns for a
     * {@code bigint} column; for an {@code integer} column (an {@code Integer}) the hash is the same for keys from 0
     * to 2^31-1 but differs for negative keys.
     *
     * @param column        sharding column
     * @param shardingCount the {@code sharding-count} property, positive
     * @param names         how a shard number becomes a target name
     */
    record HashMod(String column, int shardingCount, TargetNames names) implements ShardingRoute {
        @Override
        public String target(long key, Collection<String> available) {
            long shard = Math.abs((long) Long.valueOf(key).hashCode()) % shardingCount;
            return names.find(Long.toString(shard), available, "HASH_MOD sharding of " + column + "=" + key);
        }

        @Override
        public String describe() {
            return "HASH_MOD(" + column + ", " + shardingCount + ")";
        }
    }

    /**
     * The hand-written router of the guides: {@code key % targets.size()} indexes the target list. Negative keys use
     * the floor modulo, so they land on a shard instead of a negative index (Java's {@code %} would give -1).
     *
     * @param column  sharding column
     * @param targets target names by remainder
     */
    record Indexed(String column, List<String> targets) implements ShardingRoute {
        public Indexed {
            targets = List.copyOf(targets);
        }

        @Override
        public String target(long key, Collection<String> available) {
            return targets.get((int) Math.floorMod(key, (long) targets.size()));
        }

        @Override
        public String describe() {
            return column + " % " + targets.size();
        }

        @Override
        public int period() {
            return targets.size();
        }
    }
}
