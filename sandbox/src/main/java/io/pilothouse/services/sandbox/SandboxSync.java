package io.pilothouse.services.sandbox;

import io.pilothouse.services.model.SyncMode;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The synchronous replication a sandbox cluster bootstraps with, written into Patroni's bootstrap DCS configuration.
 *
 * @param mode      {@code synchronous_mode}
 * @param strict    {@code synchronous_mode_strict} (only with {@link SyncMode#SYNC})
 * @param nodeCount {@code synchronous_node_count}, or null for Patroni's default (1)
 */
public record SandboxSync(SyncMode mode, boolean strict, Integer nodeCount) {

    /** Asynchronous replication (Patroni's default). */
    public static final SandboxSync OFF = new SandboxSync(SyncMode.ASYNC, false, null);

    /** Patroni version that first accepts {@code synchronous_mode: quorum}. */
    public static final int QUORUM_SINCE_MAJOR = 4;

    public SandboxSync {
        mode = mode == null ? SyncMode.ASYNC : mode;
        if (mode == SyncMode.UNKNOWN) {
            throw new IllegalArgumentException("a sandbox's synchronous mode must be chosen: on, strict, quorum or off");
        }
        if (strict && mode != SyncMode.SYNC) {
            throw new IllegalArgumentException("strict synchronous mode goes with --sync strict only");
        }
        if (nodeCount != null && nodeCount < 1) {
            throw new IllegalArgumentException("--sync-count must be at least 1: " + nodeCount);
        }
        if (nodeCount != null && mode == SyncMode.ASYNC) {
            throw new IllegalArgumentException("--sync-count needs --sync on, strict or quorum");
        }
    }

    /**
     * Reads the {@code --sync} word: {@code on}, {@code strict}, {@code quorum} or {@code off}.
     *
     * @throws IllegalArgumentException naming the accepted words
     */
    public static SandboxSync parse(String word, Integer nodeCount) {
        if (word == null) {
            return nodeCount == null ? OFF : new SandboxSync(SyncMode.ASYNC, false, nodeCount);
        }
        return switch (word.trim().toLowerCase(Locale.ROOT)) {
            case "on" -> new SandboxSync(SyncMode.SYNC, false, nodeCount);
            case "strict" -> new SandboxSync(SyncMode.SYNC, true, nodeCount);
            case "quorum" -> new SandboxSync(SyncMode.QUORUM, false, nodeCount);
            case "off" -> new SandboxSync(SyncMode.ASYNC, false, nodeCount);
            default -> throw new IllegalArgumentException("--sync must be on, strict, quorum or off, not '" + word
                    + "'");
        };
    }

    /** Checks the setting against the cluster size: a sync standby needs a replica to be. */
    void checkFits(int members) {
        if (mode == SyncMode.ASYNC) {
            return;
        }
        if (members < 2) {
            throw new IllegalArgumentException("--sync needs at least 2 members (a leader and a standby): --members "
                    + members);
        }
        if (nodeCount != null && nodeCount > members - 1) {
            throw new IllegalArgumentException("--sync-count " + nodeCount + " is more than the " + (members - 1)
                    + " replica(s) of a " + members + "-member cluster; use at most " + (members - 1));
        }
    }

    /** The keys to add to the bootstrap {@code dcs} section (empty when asynchronous). */
    Map<String, Object> dcsKeys() {
        Map<String, Object> keys = new LinkedHashMap<>();
        if (mode == SyncMode.ASYNC) {
            return keys;
        }
        keys.put("synchronous_mode", mode == SyncMode.QUORUM ? (Object) "quorum" : (Object) Boolean.TRUE);
        keys.put("synchronous_mode_strict", strict);
        keys.put("synchronous_node_count", nodeCount == null ? 1 : nodeCount);
        return keys;
    }

    /** Words for progress lines: {@code quorum commit}, {@code strict synchronous replication}, … */
    String describe() {
        return switch (mode) {
            case ASYNC, UNKNOWN -> "asynchronous replication";
            case SYNC -> (strict ? "strict " : "") + "synchronous replication with "
                    + (nodeCount == null ? 1 : nodeCount) + " sync standby(s)";
            case QUORUM -> "quorum commit (ANY " + (nodeCount == null ? 1 : nodeCount) + ")";
        };
    }
}
