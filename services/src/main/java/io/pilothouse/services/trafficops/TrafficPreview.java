package io.pilothouse.services.trafficops;

import java.util.List;

/**
 * What a traffic operation will touch, read just before it is asked for, and what is at risk.
 *
 * @param action  the confirmation's words: {@code Drain primary/node1}, {@code Pause PgBouncer database appdb}
 * @param touches the things changed, as they are now
 * @param risks   what clients will see; empty when nothing but the change itself
 */
public record TrafficPreview(String action, List<String> touches, List<String> risks) {

    public TrafficPreview {
        touches = List.copyOf(touches);
        risks = List.copyOf(risks);
    }

    /** Several lines: the action, then each touched thing and risk. */
    public String describe() {
        StringBuilder b = new StringBuilder(action).append('\n');
        touches.forEach(t -> b.append("  touches: ").append(t).append('\n'));
        risks.forEach(r -> b.append("  risk: ").append(r).append('\n'));
        return b.toString().stripTrailing();
    }
}
