package io.pilothouse.services.shards;

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
    }

    /**
     * {@code type: MOD}, {@code props.sharding-count}: ShardingSphere's ModShardingAlgorithm takes
     * {@code key % sharding-count} and picks the target whose name ends with that number. A suffix preceded by
     * another digit is not a match here ({@code t_11} is not shard 1), which the plain suffix test would accept.
     *
     * @param column        sharding column
     * @param shardingCount the {@code sharding-count} property, positive
     */
    record Mod(String column, int shardingCount) implements ShardingRoute {
        @Override
        public String target(long key, Collection<String> available) {
            String suffix = Long.toString(Math.floorMod(key, shardingCount));
            List<String> matches = available.stream().filter(name -> name.endsWith(suffix)
                    && (name.length() == suffix.length()
                    || !Character.isDigit(name.charAt(name.length() - suffix.length() - 1)))).toList();
            if (matches.size() != 1) {
                throw new IllegalArgumentException("MOD sharding of " + column + "=" + key + " gives shard "
                        + suffix + ", but " + (matches.isEmpty() ? "no" : matches.size()) + " target(s) among "
                        + available + " end with it; check actualDataNodes against sharding-count");
            }
            return matches.get(0);
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
    }
}
