package io.pilothouse.views.main;

import io.pilothouse.services.model.ClusterSnapshot;

/**
 * Opens the activity of one member (sessions, waits, locks); set by the app on
 * {@link MainView#memberActivityProperty()}. Until it is set, the member menu's "Activity" item is disabled.
 */
@FunctionalInterface
public interface MemberActivityHandler {

    /** Called on the FX thread; must not block it. */
    void open(ClusterSnapshot cluster, String member);
}
