package io.pilothouse.services.consistency;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the standby names out of {@code synchronous_standby_names}: {@code "a","b"}, {@code 2 (a, b)},
 * {@code FIRST 1 (a, b)}, {@code ANY 2 ("a","b","c")}.
 */
public final class SyncStandbyNames {

    /** What Patroni sets in strict mode when no standby is eligible: commits wait for a standby that never comes. */
    public static final String STRICT_PLACEHOLDER = "__patroni_strict_sync_replica_placeholder__";

    private SyncStandbyNames() {
    }

    /** The names listed, in order, without quotes; empty for an empty setting. */
    public static List<String> parse(String value) {
        List<String> out = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return out;
        }
        String list = value.trim();
        int open = list.indexOf('(');
        if (open >= 0 && list.endsWith(")")) {
            list = list.substring(open + 1, list.length() - 1);
        }
        for (String part : list.split(",")) {
            String name = part.trim();
            if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
                name = name.substring(1, name.length() - 1).replace("\"\"", "\"");
            }
            if (!name.isEmpty()) {
                out.add(name);
            }
        }
        return out;
    }
}
