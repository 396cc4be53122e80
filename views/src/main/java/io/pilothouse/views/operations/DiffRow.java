package io.pilothouse.views.operations;

import java.util.Objects;

/**
 * One setting in a configuration diff.
 *
 * @param key    the setting's name
 * @param before its current value, or null when it is not set now
 * @param after     its new value, or null when it will be removed
 * @param effective the value in effect on the leader ({@code pg_settings}) for a PostgreSQL parameter, else null
 * @param applies   when a change applies ("on reload", "needs a restart") for a PostgreSQL parameter, else null
 */
public record DiffRow(String key, String before, String after, String effective, String applies) {

    public DiffRow {
        Objects.requireNonNull(key, "key");
    }

    /** A row of a Patroni key (nothing in {@code pg_settings}). */
    public DiffRow(String key, String before, String after) {
        this(key, before, after, null, null);
    }

    /** True when the change only takes effect after a restart. */
    public boolean needsRestart() {
        return applies != null && applies.startsWith("needs a restart");
    }

    /** True when the value is added, removed or different. */
    public boolean changed() {
        return !Objects.equals(before, after);
    }
}
