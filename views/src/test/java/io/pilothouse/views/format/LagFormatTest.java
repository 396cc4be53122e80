package io.pilothouse.views.format;

import io.pilothouse.services.model.Member;
import io.pilothouse.services.model.MemberRole;
import io.pilothouse.services.model.ReportedLag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LagFormatTest {

    private static Member.Builder replica() {
        return Member.builder("node2").role(MemberRole.REPLICA);
    }

    @Test
    void prefersSqlBytesAndSecondsOnTheEdgeLabel() {
        Member m = replica().syncState("sync").sqlLagBytes(12_897_485L).sqlLagSeconds(1.42)
                .patroniLag(ReportedLag.ofBytes(1)).build();
        assertThat(LagFormat.edgeLabel(m)).isEqualTo("sync · 12.3 MiB · 1.4 s");
    }

    @Test
    void fallsBackToPatronisFigureAndSaysSo() {
        Member m = replica().patroniLag(ReportedLag.ofBytes(2048)).build();
        assertThat(LagFormat.edgeLabel(m)).isEqualTo("async · 2.0 KiB (Patroni)");
    }

    @Test
    void saysUnknownRatherThanZeroWhenNothingIsKnown() {
        Member m = replica().patroniLag(ReportedLag.UNKNOWN).build();
        assertThat(LagFormat.edgeLabel(m)).isEqualTo("async · lag unknown");
        assertThat(LagFormat.patroni(ReportedLag.UNKNOWN)).isEqualTo("unknown");
        assertThat(LagFormat.patroni(ReportedLag.NONE)).isEqualTo("not reported");
        assertThat(LagFormat.sqlBytes(null)).isEqualTo("unknown");
        assertThat(LagFormat.sqlSeconds(null)).isEqualTo("unknown");
    }

    @Test
    void derivesSyncStateFromTheRoleWhenSqlDidNotSay() {
        assertThat(LagFormat.syncState(Member.builder("a").role(MemberRole.SYNC_STANDBY).build())).isEqualTo("sync");
        assertThat(LagFormat.syncState(Member.builder("a").role(MemberRole.QUORUM_STANDBY).build())).isEqualTo("quorum");
        assertThat(LagFormat.syncState(replica().syncState(" QUORUM ").build())).isEqualTo("quorum");
        assertThat(LagFormat.syncState(Member.builder("a").role(MemberRole.UNKNOWN).build())).isEqualTo("unknown");
    }
}
