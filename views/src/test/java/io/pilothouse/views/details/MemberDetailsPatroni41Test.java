package io.pilothouse.views.details;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.model.ReplicaPositions;
import io.pilothouse.services.model.ReportedLag;
import io.pilothouse.views.SampleEstates;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Patroni 4.1's receive and replay figures in the details pane, beside the SQL ones; nothing for older Patroni. */
class MemberDetailsPatroni41Test {

    private static List<MemberDetails.Row> lagRows(Member m, ClusterSnapshot c) {
        return MemberDetails.sections(m, c, SampleEstates.NOW, ZoneId.of("UTC")).stream()
                .filter(s -> s.title().equals("Lag")).findFirst().orElseThrow().rows();
    }

    @Test
    void showsReceivedAndReplayedWithTheirPositionsBetweenPatronisLagAndSql() {
        ClusterSnapshot c = SampleEstates.ordersProd();
        Member m = c.member("pg-orders-3").orElseThrow().toBuilder()
                .patroniPositions(new ReplicaPositions("3/A1F80000", ReportedLag.ofBytes(524_288), "3/A1C00000",
                        ReportedLag.ofBytes(4_194_304)))
                .build();

        assertThat(lagRows(m, c)).extracting(MemberDetails.Row::key).containsExactly(MemberDetails.PATRONI_LAG,
                MemberDetails.PATRONI_RECEIVE, MemberDetails.PATRONI_REPLAY, "SQL bytes", "SQL replay delay");
        assertThat(lagRows(m, c)).extracting(MemberDetails.Row::value)
                .contains("512.0 KiB (at 3/A1F80000)", "4.0 MiB (at 3/A1C00000)");
    }

    @Test
    void unknownPositionsSayUnknownAndOlderPatroniAddsNoRows() {
        ClusterSnapshot c = SampleEstates.ordersProd();
        Member old = c.member("pg-orders-3").orElseThrow();
        Member stopped = old.toBuilder().patroniPositions(new ReplicaPositions(null, ReportedLag.UNKNOWN, null,
                ReportedLag.UNKNOWN)).build();

        assertThat(lagRows(old, c)).extracting(MemberDetails.Row::key)
                .doesNotContain(MemberDetails.PATRONI_RECEIVE, MemberDetails.PATRONI_REPLAY);
        assertThat(lagRows(stopped, c)).filteredOn(r -> r.key().equals(MemberDetails.PATRONI_REPLAY)).singleElement()
                .satisfies(r -> assertThat(r.value()).isEqualTo("unknown"));
    }
}
