package io.pilothouse.services.replicas;

import java.util.List;

/**
 * What was read over SQL on the member a new replica copies from and streams from.
 *
 * @param serverVersionNum {@code server_version_num}, e.g. 150010
 * @param databaseBytes    the sum of every database's size
 * @param walBytes         the size of {@code pg_wal}
 * @param maxWalSenders    {@code max_wal_senders}
 * @param walSenders       walsenders running now ({@code pg_stat_replication} rows)
 * @param maxSlots         {@code max_replication_slots}
 * @param slots            replication slots that exist now
 * @param slotNames        their names
 * @param hbaRules         the rules of {@code pg_hba_file_rules} in file order, or null when not readable
 * @param hbaProblem       why {@code pg_hba_file_rules} could not be read, or null
 */
public record UpstreamFacts(int serverVersionNum, long databaseBytes, long walBytes, int maxWalSenders, int walSenders,
                            int maxSlots, int slots, List<String> slotNames, List<HbaRule> hbaRules, String hbaProblem) {

    public UpstreamFacts {
        slotNames = slotNames == null ? List.of() : List.copyOf(slotNames);
    }

    /** The major version, e.g. 15. */
    public int major() {
        return serverVersionNum / 10000;
    }
}
