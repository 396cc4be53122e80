package io.pilothouse.views;

import io.pilothouse.services.model.Freshness;
import io.pilothouse.services.model.MemberRole;
import javafx.css.PseudoClass;
import javafx.scene.Node;

/**
 * Every style-class and pseudo-class name the views use, in one place, so Java and the stylesheets in the
 * {@code styles} module cannot drift apart silently. Helpers set one pseudo-class out of a group.
 */
public final class Styles {

    // Shared helpers (general.css)
    public static final String MUTED = "ph-muted";
    public static final String SUBTLE = "ph-subtle";
    public static final String MONO = "ph-mono";
    public static final String CHIP = "ph-chip";
    public static final String DOT = "ph-dot";
    public static final String PLACEHOLDER = "ph-placeholder";

    // Main window (header.css, status-bar.css)
    public static final String MAIN = "ph-main";
    public static final String HEADER = "ph-header";
    public static final String APP_TITLE = "ph-app-title";
    public static final String WORKSPACE_NAME = "ph-workspace-name";
    public static final String READ_ONLY_CHIP = "ph-read-only-chip";
    public static final String THEME_TOGGLE = "ph-theme-toggle";
    public static final String STATUS_BAR = "ph-status-bar";
    public static final String STATUS_SOURCE = "ph-status-source";
    public static final String STATUS_SOURCE_NAME = "ph-status-source-name";
    public static final String STATUS_TEXT = "ph-status-text";

    // Workspace tree (workspace-tree.css)
    public static final String WORKSPACE_TREE = "ph-workspace-tree";
    public static final String SIDEBAR = "ph-sidebar";
    public static final String SIDEBAR_TITLE = "ph-sidebar-title";
    public static final String TREE_SOURCE = "ph-tree-source";
    public static final String TREE_CLUSTER = "ph-tree-cluster";
    public static final String TREE_HEALTH_TEXT = "ph-tree-health-text";
    public static final String TREE_COUNT = "ph-tree-count";

    // Topology (topology.css, banner.css)
    public static final String TOPOLOGY = "ph-topology";
    public static final String TOPOLOGY_HEADER = "ph-topology-header";
    public static final String TOPOLOGY_TITLE = "ph-topology-title";
    public static final String TOPOLOGY_FACTS = "ph-topology-facts";
    public static final String TOPOLOGY_SCROLL = "ph-topology-scroll";
    public static final String TOPOLOGY_PANE = "ph-topology-pane";
    public static final String NO_LEADER_PLACEHOLDER = "ph-no-leader-placeholder";
    public static final String EDGE = "ph-edge";
    public static final String EDGE_LINE = "ph-edge-line";
    public static final String EDGE_LABEL = "ph-edge-label";
    public static final String BANNER_BAR = "ph-banner-bar";
    public static final String BANNER = "ph-banner";
    public static final String BANNER_ICON = "ph-banner-icon";
    public static final String BANNER_TITLE = "ph-banner-title";
    public static final String BANNER_MESSAGE = "ph-banner-message";

    // Member card (member-card.css)
    public static final String MEMBER_CARD = "ph-member-card";
    public static final String CARD_NAME = "ph-card-name";
    public static final String CARD_ENDPOINT = "ph-card-endpoint";
    public static final String CARD_STATE = "ph-card-state";
    public static final String CARD_VERSIONS = "ph-card-versions";
    public static final String CARD_CHIPS = "ph-card-chips";
    public static final String ROLE_CHIP = "ph-role-chip";
    public static final String TAG_CHIP = "ph-tag-chip";
    public static final String PENDING_RESTART_CHIP = "ph-pending-restart-chip";
    public static final String STALE_BADGE = "ph-stale-badge";

    // Details pane (details.css)
    public static final String DETAILS = "ph-details";
    public static final String DETAILS_TITLE = "ph-details-title";
    public static final String DETAILS_SUBTITLE = "ph-details-subtitle";
    public static final String DETAILS_SECTION = "ph-details-section";
    public static final String DETAILS_GRID = "ph-details-grid";
    public static final String DETAILS_KEY = "ph-details-key";
    public static final String DETAILS_VALUE = "ph-details-value";

    // Pseudo-classes: role (one at a time)
    public static final PseudoClass LEADER = PseudoClass.getPseudoClass("leader");
    public static final PseudoClass STANDBY_LEADER = PseudoClass.getPseudoClass("standby-leader");
    public static final PseudoClass SYNC = PseudoClass.getPseudoClass("sync");
    public static final PseudoClass QUORUM = PseudoClass.getPseudoClass("quorum");
    public static final PseudoClass REPLICA = PseudoClass.getPseudoClass("replica");
    public static final PseudoClass UNKNOWN_ROLE = PseudoClass.getPseudoClass("unknown-role");

    // Pseudo-classes: freshness and tone
    public static final PseudoClass STALE = PseudoClass.getPseudoClass("stale");
    public static final PseudoClass UNREACHABLE = PseudoClass.getPseudoClass("unreachable");
    public static final PseudoClass OK = PseudoClass.getPseudoClass("ok");
    public static final PseudoClass INFO = PseudoClass.getPseudoClass("info");
    public static final PseudoClass WARN = PseudoClass.getPseudoClass("warn");
    public static final PseudoClass DANGER = PseudoClass.getPseudoClass("danger");
    public static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    public static final PseudoClass UNHEALTHY = PseudoClass.getPseudoClass("unhealthy");

    private static final PseudoClass[] ROLES = {LEADER, STANDBY_LEADER, SYNC, QUORUM, REPLICA, UNKNOWN_ROLE};
    private static final PseudoClass[] TONES = {OK, INFO, WARN, DANGER};

    private Styles() {
    }

    /** The pseudo-class for a role. */
    public static PseudoClass roleClass(MemberRole role) {
        switch (role) {
            case LEADER: return LEADER;
            case STANDBY_LEADER: return STANDBY_LEADER;
            case SYNC_STANDBY: return SYNC;
            case QUORUM_STANDBY: return QUORUM;
            case REPLICA: return REPLICA;
            default: return UNKNOWN_ROLE;
        }
    }

    /** Sets the role pseudo-class on a node and clears the others. */
    public static void setRole(Node node, MemberRole role) {
        PseudoClass on = roleClass(role);
        for (PseudoClass pc : ROLES) {
            node.pseudoClassStateChanged(pc, pc == on);
        }
    }

    /** Sets {@code :stale} or {@code :unreachable} for non-live data (unknown counts as stale: never green). */
    public static void setFreshness(Node node, Freshness freshness) {
        node.pseudoClassStateChanged(STALE, freshness == Freshness.STALE || freshness == Freshness.UNKNOWN);
        node.pseudoClassStateChanged(UNREACHABLE, freshness == Freshness.UNREACHABLE);
    }

    /** Sets one tone pseudo-class (or none for null) and clears the others. */
    public static void setTone(Node node, Tone tone) {
        PseudoClass on = tone == null ? null : tone.pseudoClass();
        for (PseudoClass pc : TONES) {
            node.pseudoClassStateChanged(pc, pc == on);
        }
    }
}
