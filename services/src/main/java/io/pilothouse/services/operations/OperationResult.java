package io.pilothouse.services.operations;

import java.time.Duration;
import java.util.List;

/**
 * What an operation did and what was verified afterwards.
 *
 * @param action      {@code restart}, {@code pause}, {@code config} …
 * @param cluster     {@code source/scope}
 * @param target      member name, or the scope for cluster-wide operations
 * @param answers     Patroni's answers, as {@link io.pilothouse.services.patroni.PatroniAnswer#describe()} lines
 * @param verified    what the live model or Patroni showed afterwards, in words
 * @param commandTime how long Patroni took to answer (for a synchronous restart, the restart itself)
 * @param verifyTime  how long until the outcome was seen
 */
public record OperationResult(String action, String cluster, String target, List<String> answers, String verified,
                              Duration commandTime, Duration verifyTime) {

    public OperationResult {
        answers = List.copyOf(answers);
    }

    /** {@code restart node2: node2 running again, no restart pending (answered in 1.2 s, verified after 0.8 s)}. */
    public String summary() {
        return action + " " + target + ": " + verified + " (answered in " + seconds(commandTime) + ", verified after "
                + seconds(verifyTime) + ")";
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
