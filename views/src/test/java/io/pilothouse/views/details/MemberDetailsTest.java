package io.pilothouse.views.details;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Member;
import io.pilothouse.views.SampleEstates;
import io.pilothouse.views.Tone;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class MemberDetailsTest {

    private static Map<String, MemberDetails.Row> rows(String member, ClusterSnapshot c) {
        Member m = c.member(member).orElseThrow();
        List<MemberDetails.Section> sections = MemberDetails.sections(m, c, SampleEstates.NOW, ZoneId.of("UTC"));
        return sections.stream().flatMap(s -> s.rows().stream())
                .collect(Collectors.toMap(MemberDetails.Row::key, r -> r));
    }

    @Test
    void showsBothPatronisAndSqlLag() {
        Map<String, MemberDetails.Row> r = rows("pg-orders-3", SampleEstates.ordersProd());
        assertThat(r.get(MemberDetails.PATRONI_LAG).value()).isEqualTo("768.0 KiB");
        assertThat(r.get("SQL bytes").value()).isEqualTo("912.0 KiB");
        assertThat(r.get("SQL replay delay").value()).isEqualTo("0.4 s");
        assertThat(r.get("Upstream").value()).isEqualTo("pg-orders-1 (leader)");
    }

    @Test
    void warnsWhenPatronisLagExceedsTheFailoverLimit() {
        MemberDetails.Row lag = rows("pg-bill-d", SampleEstates.billingProd()).get(MemberDetails.PATRONI_LAG);
        assertThat(lag.tone()).isEqualTo(Tone.WARN);
        assertThat(lag.value()).contains("3.2 MiB").contains("not a failover candidate");
    }

    @Test
    void showsStalenessLastSeenAndPendingRestart() {
        Map<String, MemberDetails.Row> r = rows("pg-bill-e", SampleEstates.billingProd());
        assertThat(r.get("Data").value()).isEqualTo("stale");
        assertThat(r.get("Data").tone()).isEqualTo(Tone.WARN);
        assertThat(r.get("Last seen").value()).isEqualTo("14:31:58 (12 s ago)");
        assertThat(r.get("Pending restart").value()).isEqualTo("yes");
        assertThat(r.get(MemberDetails.PATRONI_LAG).value()).isEqualTo("unknown");
    }

    @Test
    void nothingLooksHealthyWhileTheClusterDataIsStale() {
        ClusterSnapshot frozen = SampleEstates.reportingStale();
        Member m = frozen.member("rep-2").orElseThrow();
        List<MemberDetails.Row> all = MemberDetails.sections(m, frozen, SampleEstates.NOW, ZoneId.of("UTC")).stream()
                .flatMap(s -> s.rows().stream()).toList();
        assertThat(all).extracting(MemberDetails.Row::tone).doesNotContain(Tone.OK);
        assertThat(all).filteredOn(r -> r.key().equals("Cluster data")).singleElement()
                .satisfies(r -> assertThat(r.value()).isEqualTo("stale: last known state"));
    }

    @Test
    void leadersHaveNoReplicationSection() {
        Map<String, MemberDetails.Row> r = rows("pg-orders-1", SampleEstates.ordersProd());
        assertThat(r).doesNotContainKey(MemberDetails.PATRONI_LAG);
        assertThat(r.get("PostgreSQL").value()).isEqualTo("16.4");
        assertThat(r.get("Patroni").value()).isEqualTo("4.0.4");
    }
}
