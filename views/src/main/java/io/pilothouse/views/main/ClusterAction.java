package io.pilothouse.views.main;

/**
 * What the Operations menu offers on the shown cluster. Member actions apply to the member selected in the
 * topology; the app carries each one out (views do no I/O).
 */
public enum ClusterAction {
    SWITCHOVER("Switch over…", false),
    FAILOVER("Fail over…", false),
    RESTART_MEMBER("Restart member…", true),
    RELOAD_MEMBER("Reload member", true),
    REINITIALIZE_MEMBER("Reinitialize member…", true),
    PAUSE("Pause (maintenance mode)…", false),
    RESUME("Resume…", false),
    EDIT_CONFIGURATION("Edit dynamic configuration…", false),
    /** Opens the resharding wizard on the cluster as coordinator. */
    MOVE_PARTITION("Move or split a partition…", false),
    /** Opens the add-replica wizard on the cluster. */
    ADD_REPLICA("Add a replica…", false),
    /** Opens the remove-replica window on the selected member. */
    REMOVE_REPLICA("Remove a replica…", false);

    private final String label;
    private final boolean needsMember;

    ClusterAction(String label, boolean needsMember) {
        this.label = label;
        this.needsMember = needsMember;
    }

    /** The menu item's text. */
    public String label() {
        return label;
    }

    /** True when the action applies to the selected member. */
    public boolean needsMember() {
        return needsMember;
    }
}
