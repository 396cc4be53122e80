package io.pilothouse.services.history;

import java.util.Optional;

/** Which history entries deserve a notification, and how they read. */
public final class HistoryNotifications {

    private HistoryNotifications() {
    }

    /**
     * The notification for an entry of cluster {@code scope}: leader changes and lost members; nothing for timelines
     * (the leader change already said it) nor for members coming back.
     */
    public static Optional<Notification> of(String scope, HistoryEntry e) {
        return switch (e.kind()) {
            case FAILOVER -> Optional.of(new Notification("Failover in " + scope, e.detail(), Severity.CRITICAL));
            case SWITCHOVER -> Optional.of(new Notification("Switchover in " + scope, e.detail(), Severity.INFO));
            case MEMBER_LOST -> Optional.of(new Notification("Member " + e.member() + " lost in " + scope, e.detail(),
                    Severity.WARNING));
            default -> Optional.empty();
        };
    }
}
