package io.pilothouse.services.alerts;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * One active alert. Immutable.
 *
 * @param id       stable identity of the condition ({@code rule/source/scope/member[/slot]}): the same condition keeps
 *                 its id across evaluations, so a raised alert is cleared under the same id
 * @param severity how urgent
 * @param rule     which rule
 * @param source   workspace source of the cluster
 * @param cluster  cluster scope
 * @param member   the affected member, or null for a cluster-wide alert
 * @param message  what is wrong in words, with the figure and the threshold
 * @param since    when the condition was first seen (not when the grace period ended)
 */
public record Alert(String id, AlertSeverity severity, AlertRule rule, String source, String cluster, String member,
                    String message, Instant since) {

    /** Most severe first, then oldest first, then by cluster, member and id (a stable order for lists). */
    public static final Comparator<Alert> ORDER = Comparator
            .comparing(Alert::severity, Comparator.reverseOrder())
            .thenComparing(Alert::since)
            .thenComparing(Alert::cluster)
            .thenComparing(a -> a.member() == null ? "" : a.member())
            .thenComparing(Alert::id);

    public Alert {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(since, "since");
    }
}
