package io.pilothouse.services.switchover;

import java.time.Duration;

/**
 * One thing that happened during the operation, as the live model saw it or as Pilothouse did it.
 *
 * @param after how long after the start
 * @param text  in words: "leader key released by node1", "timeline 3 → 4"
 */
public record ProgressStep(Duration after, String text) {

    /** {@code +1.234 s  text}. */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "+%.3f s  %s", after.toMillis() / 1000.0, text);
    }
}
