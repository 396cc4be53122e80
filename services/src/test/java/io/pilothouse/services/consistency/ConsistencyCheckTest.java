package io.pilothouse.services.consistency;

import io.pilothouse.services.model.ProblemKind;
import io.pilothouse.services.model.ConsistencyProblem;
import io.pilothouse.services.consistency.ClusterObservation.Answer;
import io.pilothouse.services.consistency.ClusterObservation.NodeObservation;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every disagreement the check knows, on plain values, and silence where nothing is known. */
class ConsistencyCheckTest {

    private static final Map<String, NodeSetting> SETTINGS = Map.of(
            "wal_keep_size", new NodeSetting("wal_keep_size", "128", "MB", false),
            "synchronous_standby_names", new NodeSetting("synchronous_standby_names", "\"node2\"", null, false));

    @Test
    void agreeingClusterHasNoProblem() {
        assertThat(ConsistencyCheck.evaluate(cluster("true", List.of("node2"),
                primary("node1", SETTINGS, Map.of("node2", "sync", "node3", "async")),
                replica("node2"), replica("node3")))).isEmpty();
    }

    @Test
    void leaderInRecoveryAndANonLeaderThatIsNotAreBothCritical() {
        NodeObservation leaderInRecovery = node("node1", true, Answer.ANSWERS, Answer.ANSWERS, true, null, Map.of());
        NodeObservation rogue = node("node2", true, Answer.ANSWERS, Answer.ANSWERS, false, null, Map.of());
        List<ConsistencyProblem> problems = ConsistencyCheck.evaluate(cluster(null, List.of(), leaderInRecovery,
                rogue));
        assertThat(problems).extracting(ConsistencyProblem::kind)
                .containsExactly(ProblemKind.LEADER_IN_RECOVERY, ProblemKind.SPLIT_BRAIN_RISK);
        assertThat(problems.get(0).message()).isEqualTo("node1 holds the leader key but pg_is_in_recovery() is true: "
                + "no node takes writes");
        assertThat(problems.get(1).message()).isEqualTo("node2 is not in recovery (it takes writes) but node1 holds "
                + "the leader key: split brain risk");
        assertThat(problems).allMatch(p -> p.kind().critical());
    }

    @Test
    void standbyLeaderInRecoveryIsRight() {
        ClusterObservation standby = new ClusterObservation("node1", true, true, null, List.of(), Map.of(), List.of(
                node("node1", true, Answer.ANSWERS, Answer.ANSWERS, true, null, Map.of())));
        assertThat(ConsistencyCheck.evaluate(standby)).isEmpty();
    }

    @Test
    void syncKeyAgainstStandbyNamesAndSyncStateOnlyWhenSyncModeIsOn() {
        Map<String, NodeSetting> bogus = Map.of("synchronous_standby_names",
                new NodeSetting("synchronous_standby_names", "bogus", null, false));
        NodeObservation primary = primary("node1", bogus, Map.of("node2", "async"));
        List<ConsistencyProblem> problems = ConsistencyCheck.evaluate(cluster("true", List.of("node2"), primary,
                replica("node2")));
        assertThat(problems).extracting(ConsistencyProblem::kind)
                .containsExactly(ProblemKind.SYNC_KEY_VS_STANDBY_NAMES, ProblemKind.SYNC_KEY_VS_SYNC_STATE);
        assertThat(problems.get(0).message()).isEqualTo("the sync key names node2 but synchronous_standby_names on "
                + "node1 is 'bogus' (bogus)");
        assertThat(problems.get(1).message()).isEqualTo("the sync key names node2 but pg_stat_replication on node1 "
                + "shows it as async: commits do not wait for it");
        assertThat(ConsistencyCheck.evaluate(cluster("false", List.of("node2"), primary, replica("node2"))))
                .as("asynchronous cluster").isEmpty();
        assertThat(ConsistencyCheck.evaluate(cluster("quorum", List.of("node2"),
                primary("node1", Map.of("synchronous_standby_names", new NodeSetting("synchronous_standby_names",
                        "ANY 1 (\"node2\")", null, false)), Map.of("node2", "quorum")), replica("node2"))))
                .as("quorum standby").isEmpty();
    }

    @Test
    void memberKeyWithoutAnswerAndAnswerWithoutMemberKey() {
        NodeObservation silent = node("node2", true, Answer.SILENT, Answer.ANSWERS, true, null, Map.of());
        NodeObservation keyless = node("node3", false, Answer.SILENT, Answer.ANSWERS, true, null, Map.of());
        NodeObservation gone = node("node4", false, Answer.SILENT, Answer.SILENT, null, null, Map.of());
        List<ConsistencyProblem> problems = ConsistencyCheck.evaluate(cluster(null, List.of(),
                primary("node1", null, Map.of()), silent, keyless, gone));
        assertThat(problems).extracting(ConsistencyProblem::kind, ConsistencyProblem::member).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ProblemKind.MEMBER_NOT_ANSWERING, "node2"),
                org.assertj.core.groups.Tuple.tuple(ProblemKind.NO_MEMBER_KEY, "node3"));
        assertThat(problems.get(0).message()).isEqualTo("node2 has a member key but its Patroni REST API at "
                + "http://node2:8008 does not answer (refused)");
        assertThat(problems.get(1).message()).isEqualTo("node3 has no member key but its PostgreSQL at node3:5432 "
                + "answers: its Patroni is not running or cannot reach the DCS");
        ClusterObservation noDcs = new ClusterObservation("node1", false, false, null, List.of(), Map.of(),
                List.of(silent, keyless));
        assertThat(ConsistencyCheck.evaluate(noDcs)).as("without a live DCS, member keys say nothing").isEmpty();
    }

    @Test
    void settingChangedByHandDiffersUnlessARestartIsPending() {
        Map<String, NodeSetting> changed = Map.of("wal_keep_size", new NodeSetting("wal_keep_size", "64", "MB", false));
        Map<String, NodeSetting> pending = Map.of("wal_keep_size", new NodeSetting("wal_keep_size", "64", "MB", true));
        List<ConsistencyProblem> problems = ConsistencyCheck.evaluate(cluster(null, List.of(),
                primary("node1", SETTINGS, Map.of()),
                node("node2", true, Answer.ANSWERS, Answer.ANSWERS, true, changed, Map.of()),
                node("node3", true, Answer.ANSWERS, Answer.ANSWERS, true, pending, Map.of())));
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(ProblemKind.SETTING_DIFFERS);
            assertThat(p.member()).isEqualTo("node2");
            assertThat(p.message()).isEqualTo("node2: wal_keep_size is 64MB in effect but the dynamic configuration "
                    + "says 128MB, and no restart is pending (changed by hand: ALTER SYSTEM or postgresql.conf?)");
        });
    }

    private static ClusterObservation cluster(String syncMode, List<String> syncKey, NodeObservation... nodes) {
        return new ClusterObservation("node1", true, false, syncMode, syncKey, Map.of("wal_keep_size", "128MB"),
                List.of(nodes));
    }

    private static NodeObservation primary(String name, Map<String, NodeSetting> settings,
                                           Map<String, String> syncStates) {
        return node(name, true, Answer.ANSWERS, Answer.ANSWERS, false, settings, syncStates);
    }

    private static NodeObservation replica(String name) {
        return node(name, true, Answer.ANSWERS, Answer.ANSWERS, true, SETTINGS, Map.of());
    }

    private static NodeObservation node(String name, boolean key, Answer rest, Answer sql, Boolean inRecovery,
                                        Map<String, NodeSetting> settings, Map<String, String> syncStates) {
        return new NodeObservation(name, key, true, "http://" + name + ":8008", name + ":5432", rest,
                rest == Answer.SILENT ? "refused" : null, sql, null, inRecovery, settings, syncStates);
    }
}
