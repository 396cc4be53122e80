package io.pilothouse.services.history;

import java.util.Optional;

/**
 * Which clusters this app is changing on purpose right now (a switchover, failover, restart… it runs, or ran a
 * moment ago): their leader changes and briefly lost members are the operation's doing, shown in its own window, so
 * they raise no desktop notification.
 */
@FunctionalInterface
public interface PlannedChanges {

    /** Nothing is ever planned: every change notifies. */
    PlannedChanges NONE = scope -> Optional.empty();

    /** The operation of this app changing cluster {@code scope} now or a moment ago (e.g. {@code switchover}). */
    Optional<String> plannedOn(String scope);

    /** True when {@code entry} of {@code scope} is the planned operation's doing and must not notify. */
    default boolean silences(String scope, HistoryEntry entry) {
        return switch (entry.kind()) {
            case SWITCHOVER, FAILOVER, MEMBER_LOST, MEMBER_JOINED, TIMELINE -> plannedOn(scope).isPresent();
        };
    }
}
