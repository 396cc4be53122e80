package io.pilothouse.services.consistency;

import io.pilothouse.services.model.ProblemKind;
import io.pilothouse.services.model.ConsistencyProblem;
import io.pilothouse.services.consistency.ClusterObservation.Answer;
import io.pilothouse.services.consistency.ClusterObservation.NodeObservation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares what the DCS says about a Patroni cluster with what its nodes say: the leader key against
 * {@code pg_is_in_recovery()}, the {@code sync} key against the primary's {@code synchronous_standby_names} and
 * {@code pg_stat_replication.sync_state} (when synchronous mode is on), member keys against nodes that answer, and the
 * dynamic configuration's parameters against {@code pg_settings} (unless a restart is pending). Pure.
 */
public final class ConsistencyCheck {

    /**
     * Parameters of the dynamic configuration that PostgreSQL is not expected to show as written: Patroni sets them
     * per member itself, or refuses them in the dynamic configuration.
     */
    private static final Set<String> MANAGED_BY_PATRONI = Set.of("synchronous_standby_names", "listen_addresses",
            "port", "cluster_name", "hot_standby", "wal_log_hints", "primary_conninfo", "primary_slot_name",
            "recovery_target_timeline", "restore_command");

    private ConsistencyCheck() {
    }

    /** Every disagreement, members in name order. */
    public static List<ConsistencyProblem> evaluate(ClusterObservation c) {
        List<ConsistencyProblem> out = new ArrayList<>();
        List<NodeObservation> nodes = c.nodes().stream()
                .sorted(java.util.Comparator.comparing(NodeObservation::name)).toList();
        for (NodeObservation n : nodes) {
            recovery(c, n, out);
        }
        sync(c, out);
        if (c.dcsLive()) {
            for (NodeObservation n : nodes) {
                answers(n, out);
            }
        }
        for (NodeObservation n : nodes) {
            settings(c, n, out);
        }
        return out;
    }

    private static void recovery(ClusterObservation c, NodeObservation n, List<ConsistencyProblem> out) {
        if (n.sql() != Answer.ANSWERS || n.inRecovery() == null) {
            return;
        }
        boolean leader = n.name().equals(c.leader());
        if (leader && n.inRecovery() && !c.standbyCluster()) {
            out.add(new ConsistencyProblem(ProblemKind.LEADER_IN_RECOVERY, n.name(), n.name()
                    + " holds the leader key but pg_is_in_recovery() is true: no node takes writes"));
        } else if (!leader && !n.inRecovery()) {
            out.add(new ConsistencyProblem(ProblemKind.SPLIT_BRAIN_RISK, n.name(), n.name()
                    + " is not in recovery (it takes writes) but "
                    + (c.leader() == null ? "no member holds the leader key" : c.leader() + " holds the leader key")
                    + ": split brain risk"));
        }
    }

    private static void sync(ClusterObservation c, List<ConsistencyProblem> out) {
        if (!synchronousOn(c.synchronousMode()) || c.leader() == null) {
            return;
        }
        NodeObservation primary = c.nodes().stream().filter(n -> n.name().equals(c.leader())).findFirst()
                .orElse(null);
        if (primary == null || primary.sql() != Answer.ANSWERS) {
            return;
        }
        Set<String> key = new TreeSet<>(c.syncKeyStandbys());
        NodeSetting names = primary.settings() == null ? null : primary.settings().get("synchronous_standby_names");
        if (names != null) {
            Set<String> listed = new TreeSet<>(SyncStandbyNames.parse(names.setting()));
            listed.remove(SyncStandbyNames.STRICT_PLACEHOLDER);
            if (!listed.equals(key)) {
                out.add(new ConsistencyProblem(ProblemKind.SYNC_KEY_VS_STANDBY_NAMES, primary.name(),
                        "the sync key names " + words(key) + " but synchronous_standby_names on " + primary.name()
                                + " is '" + names.setting() + "'" + (listed.isEmpty() ? "" : " (" + words(listed)
                                + ")")));
            }
        }
        for (String standby : key) {
            String state = primary.syncStates().get(standby);
            if (state == null) {
                out.add(new ConsistencyProblem(ProblemKind.SYNC_KEY_VS_SYNC_STATE, standby, "the sync key names "
                        + standby + " but pg_stat_replication on " + primary.name() + " does not list it"));
            } else if (!state.equalsIgnoreCase("sync") && !state.equalsIgnoreCase("quorum")) {
                out.add(new ConsistencyProblem(ProblemKind.SYNC_KEY_VS_SYNC_STATE, standby, "the sync key names "
                        + standby + " but pg_stat_replication on " + primary.name() + " shows it as " + state
                        + ": commits do not wait for it"));
            }
        }
    }

    private static void answers(NodeObservation n, List<ConsistencyProblem> out) {
        if (n.hasMemberKey()) {
            if (n.rest() == Answer.SILENT) {
                out.add(new ConsistencyProblem(ProblemKind.MEMBER_NOT_ANSWERING, n.name(), n.name()
                        + " has a member key but its Patroni REST API" + (n.restUrl() == null ? "" : " at "
                        + n.restUrl()) + " does not answer" + because(n.restError())));
            } else if (n.running() && n.sql() == Answer.SILENT) {
                out.add(new ConsistencyProblem(ProblemKind.MEMBER_NOT_ANSWERING, n.name(), n.name()
                        + "'s member key says PostgreSQL runs but it does not answer" + (n.endpoint() == null ? ""
                        : " at " + n.endpoint()) + because(n.sqlError())));
            }
        } else if (n.rest() == Answer.ANSWERS || n.sql() == Answer.ANSWERS) {
            String what = n.sql() == Answer.ANSWERS ? "its PostgreSQL" + (n.endpoint() == null ? "" : " at "
                    + n.endpoint()) : "its Patroni REST API" + (n.restUrl() == null ? "" : " at " + n.restUrl());
            out.add(new ConsistencyProblem(ProblemKind.NO_MEMBER_KEY, n.name(), n.name() + " has no member key but "
                    + what + " answers: its Patroni is not running or cannot reach the DCS"));
        }
    }

    private static void settings(ClusterObservation c, NodeObservation n, List<ConsistencyProblem> out) {
        if (n.settings() == null || n.sql() != Answer.ANSWERS || c.parameters().isEmpty()) {
            return;
        }
        Map<String, String> wanted = new TreeMap<>(c.parameters());
        for (Map.Entry<String, String> e : wanted.entrySet()) {
            String name = e.getKey().toLowerCase(Locale.ROOT);
            NodeSetting actual = n.settings().get(name);
            if (actual == null || actual.pendingRestart() || MANAGED_BY_PATRONI.contains(name)) {
                continue;
            }
            if (!SettingValues.same(e.getValue(), actual)) {
                out.add(new ConsistencyProblem(ProblemKind.SETTING_DIFFERS, n.name(), n.name() + ": " + name
                        + " is " + SettingValues.display(actual) + " in effect but the dynamic configuration says "
                        + e.getValue() + ", and no restart is pending (changed by hand: ALTER SYSTEM or "
                        + "postgresql.conf?)"));
            }
        }
    }

    /** Patroni's spellings of "on": {@code true}, {@code on}, {@code quorum}, … */
    static boolean synchronousOn(String mode) {
        return io.pilothouse.services.model.SyncMode.fromPatroni(mode).synchronous();
    }

    private static String words(Set<String> names) {
        return names.isEmpty() ? "no standby" : String.join(", ", names);
    }

    private static String because(String error) {
        return error == null || error.isBlank() ? "" : " (" + error + ")";
    }
}
