package io.pilothouse.services.shards.map;

/** Which keys a shard holds. */
public sealed interface ShardBound {

    /** Short text for a tile: {@code 3 mod 8}, {@code 2026-06-01 → 2026-07-01}, {@code default}. */
    String display();

    /**
     * A hash partition, or an application shard {@code key % modulus = remainder}.
     *
     * @param modulus   the modulus
     * @param remainder the remainder
     */
    record Hash(int modulus, int remainder) implements ShardBound {
        @Override
        public String display() {
            return remainder + " mod " + modulus;
        }
    }

    /**
     * A range partition; bounds as PostgreSQL prints them ({@code '2026-06-01 00:00:00+00'}, {@code MINVALUE}).
     *
     * @param from inclusive lower bound
     * @param to   exclusive upper bound
     */
    record Range(String from, String to) implements ShardBound {
        @Override
        public String display() {
            return unquote(from) + " → " + unquote(to);
        }

        private static String unquote(String v) {
            return v.length() >= 2 && v.startsWith("'") && v.endsWith("'") ? v.substring(1, v.length() - 1) : v;
        }
    }

    /**
     * A list partition.
     *
     * @param values the values as PostgreSQL prints them
     */
    record ListOf(String values) implements ShardBound {
        @Override
        public String display() {
            return "in (" + values + ")";
        }
    }

    /** The default partition: every key no other partition takes. */
    record Default() implements ShardBound {
        @Override
        public String display() {
            return "default";
        }
    }

    /**
     * Anything else, as text (a Citus shard's hash token range, a multi-level bound).
     *
     * @param text what to show
     */
    record Other(String text) implements ShardBound {
        @Override
        public String display() {
            return text;
        }
    }
}
