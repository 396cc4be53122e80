package io.pilothouse.views.operations;

import java.util.Objects;

/**
 * One setting in a configuration diff.
 *
 * @param key    the setting's name
 * @param before its current value, or null when it is not set now
 * @param after  its new value, or null when it will be removed
 */
public record DiffRow(String key, String before, String after) {

    public DiffRow {
        Objects.requireNonNull(key, "key");
    }

    /** True when the value is added, removed or different. */
    public boolean changed() {
        return !Objects.equals(before, after);
    }
}
