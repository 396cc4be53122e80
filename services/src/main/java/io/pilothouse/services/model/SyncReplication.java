package io.pilothouse.services.model;

import java.util.List;

/**
 * A Patroni cluster's synchronous replication as configured and as in force: the dynamic configuration
 * ({@code synchronous_mode}, {@code synchronous_mode_strict}, {@code synchronous_node_count}), the DCS {@code sync}
 * key Patroni promotes from, and the leader's {@code synchronous_standby_names}.
 *
 * @param mode          {@code synchronous_mode}
 * @param strict        {@code synchronous_mode_strict}
 * @param nodeCount     {@code synchronous_node_count}, or null when not set (Patroni's default is 1)
 * @param standbys      members named in the {@code sync} key's {@code sync_standby} (the sync standbys, or the quorum
 *                      voters in quorum mode)
 * @param quorum        the {@code sync} key's {@code quorum} (quorum mode: how many other voters a candidate must not
 *                      be behind), or null
 * @param standbyNames  the leader's {@code synchronous_standby_names} as read over SQL, or null when not read
 * @param writesBlocked strict mode and no standby can confirm a commit: commits on the leader hang
 */
public record SyncReplication(SyncMode mode, boolean strict, Integer nodeCount, List<String> standbys, Integer quorum,
                              String standbyNames, boolean writesBlocked) {

    /** An asynchronous cluster, or one whose configuration is not known. */
    public static final SyncReplication ASYNC = new SyncReplication(SyncMode.ASYNC, false, null, List.of(), null, null,
            false);

    /** What is shown (banner, problems, JSON) when strict mode leaves nobody to confirm commits. */
    public static final String WRITES_BLOCKED = "Writes blocked: synchronous_mode_strict is on and no synchronous "
            + "standby is available, so every commit on the leader waits until one connects. Start a standby (or "
            + "set synchronous_mode_strict=false to let writes go on unprotected).";

    public SyncReplication {
        mode = mode == null ? SyncMode.ASYNC : mode;
        standbys = standbys == null ? List.of() : List.copyOf(standbys);
    }

    /** The leader's setting, parsed. */
    public StandbyNames parsedStandbyNames() {
        return StandbyNames.parse(standbyNames);
    }

    /**
     * How many standbys must confirm a commit: the {@code ANY k}/{@code FIRST k} of the leader's setting when read,
     * else derived from the {@code sync} key (quorum: voters minus {@code quorum}; sync: the listed standbys).
     */
    public Integer required() {
        StandbyNames ssn = parsedStandbyNames();
        if (standbyNames != null && ssn.method() != StandbyNames.Method.NONE && !ssn.onlyPlaceholder()) {
            return ssn.count();
        }
        if (mode == SyncMode.QUORUM && quorum != null && !standbys.isEmpty()) {
            return Math.max(0, standbys.size() - quorum);
        }
        return mode == SyncMode.SYNC ? standbys.size() : null;
    }

    /**
     * The rule in words for headers and JSON: {@code ANY 1 of node2, node3}, {@code 2 sync standbys: node2, node3},
     * {@code 1 sync standby: node2}, {@code async}; {@code strict} is appended in strict mode.
     */
    public String rule() {
        String suffix = strict ? " (strict)" : "";
        List<String> names = !standbys.isEmpty() ? standbys : parsedStandbyNames().members();
        return switch (mode) {
            case ASYNC -> "async";
            case UNKNOWN -> "sync mode not known yet (DCS not read)";
            case SYNC -> names.isEmpty() ? "sync: no sync standby" + suffix
                    : names.size() + (names.size() == 1 ? " sync standby: " : " sync standbys: ")
                            + String.join(", ", names) + suffix;
            case QUORUM -> {
                Integer k = required();
                yield names.isEmpty() ? "quorum: no voter" + suffix
                        : "ANY " + (k == null ? "?" : k) + " of " + String.join(", ", names) + suffix;
            }
        };
    }

    /** True when {@code member} is named in the {@code sync} key. */
    public boolean lists(String member) {
        return standbys.contains(member);
    }
}
