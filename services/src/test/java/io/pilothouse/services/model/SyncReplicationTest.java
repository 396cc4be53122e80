package io.pilothouse.services.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The commit rule in words and the parsing of {@code synchronous_standby_names} as Patroni writes it. */
class SyncReplicationTest {

    @Test
    void parsesPatroniQuorumSetting() {
        StandbyNames s = StandbyNames.parse("ANY 2 (\"node2\",\"node3\",\"node4\")");
        assertThat(s.method()).isEqualTo(StandbyNames.Method.ANY);
        assertThat(s.count()).isEqualTo(2);
        assertThat(s.names()).containsExactly("node2", "node3", "node4");
    }

    @Test
    void parsesMultiSyncAndSingleNameAndWildcard() {
        assertThat(StandbyNames.parse("2 (node2,node3)")).isEqualTo(new StandbyNames(StandbyNames.Method.FIRST, 2,
                List.of("node2", "node3")));
        assertThat(StandbyNames.parse("FIRST 1 (\"a,b\", c)").names()).containsExactly("a,b", "c");
        assertThat(StandbyNames.parse("node2")).isEqualTo(new StandbyNames(StandbyNames.Method.FIRST, 1,
                List.of("node2")));
        assertThat(StandbyNames.parse("*").wildcard()).isTrue();
        assertThat(StandbyNames.parse("*").members()).isEmpty();
        assertThat(StandbyNames.parse("")).isEqualTo(StandbyNames.NONE);
        assertThat(StandbyNames.parse(null)).isEqualTo(StandbyNames.NONE);
    }

    @Test
    void recognisesTheStrictPlaceholder() {
        StandbyNames s = StandbyNames.parse("\"__patroni_strict_sync_replica_placeholder__\"");
        assertThat(s.onlyPlaceholder()).isTrue();
        assertThat(s.members()).isEmpty();
    }

    @Test
    void quorumRuleTakesTheCountFromTheLeadersSetting() {
        SyncReplication q = new SyncReplication(SyncMode.QUORUM, false, 1, List.of("node2", "node3"), 1,
                "ANY 1 (\"node2\",\"node3\")", false);
        assertThat(q.rule()).isEqualTo("ANY 1 of node2, node3");
        assertThat(q.required()).isEqualTo(1);
    }

    @Test
    void quorumRuleWithoutTheSettingDerivesTheCountFromTheSyncKey() {
        // Three voters, quorum 1: any 2 must confirm (quorum + k = voters).
        SyncReplication q = new SyncReplication(SyncMode.QUORUM, false, null, List.of("node2", "node3", "node4"), 1,
                null, false);
        assertThat(q.rule()).isEqualTo("ANY 2 of node2, node3, node4");
    }

    @Test
    void syncRuleCountsTheStandbys() {
        assertThat(new SyncReplication(SyncMode.SYNC, false, 2, List.of("node2", "node3"), null, "2 (node2,node3)",
                false).rule()).isEqualTo("2 sync standbys: node2, node3");
        assertThat(new SyncReplication(SyncMode.SYNC, true, 1, List.of("node2"), null, "node2", false).rule())
                .isEqualTo("1 sync standby: node2 (strict)");
        assertThat(new SyncReplication(SyncMode.SYNC, true, 1, List.of(), null, "*", true).rule())
                .isEqualTo("sync: no sync standby (strict)");
        assertThat(SyncReplication.ASYNC.rule()).isEqualTo("async");
    }

    @Test
    void readsSynchronousModeAsPatroniDoes() {
        assertThat(SyncMode.fromPatroni(true)).isEqualTo(SyncMode.SYNC);
        assertThat(SyncMode.fromPatroni("on")).isEqualTo(SyncMode.SYNC);
        assertThat(SyncMode.fromPatroni("Quorum")).isEqualTo(SyncMode.QUORUM);
        assertThat(SyncMode.fromPatroni(false)).isEqualTo(SyncMode.ASYNC);
        assertThat(SyncMode.fromPatroni(null)).isEqualTo(SyncMode.ASYNC);
        assertThat(SyncMode.fromPatroni("off")).isEqualTo(SyncMode.ASYNC);
    }
}
