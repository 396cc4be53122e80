package io.pilothouse.views.main;

import io.pilothouse.services.model.ClusterSnapshot;

/** Carries out an Operations-menu action; set by the app on {@link MainView#clusterActionsProperty()}. */
@FunctionalInterface
public interface ClusterActionHandler {

    /**
     * Called on the FX thread; must not block it.
     *
     * @param cluster the cluster shown when the action was chosen
     * @param member  the selected member, or null (always set for {@link ClusterAction#needsMember()} actions)
     */
    void perform(ClusterAction action, ClusterSnapshot cluster, String member);
}
