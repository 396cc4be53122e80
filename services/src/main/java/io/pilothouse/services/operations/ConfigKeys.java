package io.pilothouse.services.operations;

import java.util.ArrayList;
import java.util.List;

/**
 * Key paths into Patroni's dynamic configuration, written with dots ({@code loop_wait},
 * {@code postgresql.parameters.work_mem}). Below {@code postgresql.parameters} the rest is one parameter name, so
 * custom settings with a dot ({@code postgresql.parameters.pg_stat_statements.track}) keep their name.
 */
final class ConfigKeys {

    private static final String PARAMETERS = "postgresql.parameters.";

    private ConfigKeys() {
    }

    /** The path's parts; throws {@link IllegalArgumentException} for an empty path or an empty part. */
    static List<String> split(String path) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("an empty configuration key; write keys like loop_wait or "
                    + "postgresql.parameters.work_mem");
        }
        List<String> parts = new ArrayList<>();
        String rest = path.strip();
        if (rest.startsWith(PARAMETERS) && rest.length() > PARAMETERS.length()) {
            parts.add("postgresql");
            parts.add("parameters");
            parts.add(rest.substring(PARAMETERS.length()));
            return parts;
        }
        for (String p : rest.split("\\.", -1)) {
            if (p.isEmpty()) {
                throw new IllegalArgumentException("'" + path + "' is not a configuration key: it has an empty part; "
                        + "write keys like loop_wait or postgresql.parameters.work_mem");
            }
            parts.add(p);
        }
        return parts;
    }
}
