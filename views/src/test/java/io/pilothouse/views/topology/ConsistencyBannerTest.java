package io.pilothouse.views.topology;

import io.pilothouse.services.model.ConsistencyProblem;
import io.pilothouse.services.model.ProblemKind;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.views.SampleEstates;
import io.pilothouse.views.Tone;
import io.pilothouse.views.details.MemberDetails;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.List;

import static io.pilothouse.views.SampleEstates.NOW;
import static org.assertj.core.api.Assertions.assertThat;

/** DCS ↔ node disagreements: one banner for the cluster (red when one is critical), a section in the member's details. */
class ConsistencyBannerTest {

    private static final ZoneId UTC = ZoneId.of("UTC");

    private static ClusterSnapshot with(List<ConsistencyProblem> problems) {
        ClusterSnapshot c = SampleEstates.ordersProd();
        return ClusterSnapshot.builder(c.source(), c.scope())
                .leader(c.leader())
                .timeline(c.timeline())
                .paused(c.paused())
                .scheduledSwitchover(c.scheduledSwitchover())
                .leaderLeaseSecondsLeft(c.leaderLeaseSecondsLeft())
                .ttlSeconds(c.ttlSeconds())
                .maximumLagOnFailover(c.maximumLagOnFailover())
                .members(c.members())
                .sources(c.sources())
                .observedAt(c.observedAt())
                .slots(c.slots())
                .problems(c.problems())
                .prepared(c.prepared())
                .consistency(problems)
                .build();
    }

    @Test
    void aSettingThatDiffersIsAWarningBannerAndADetailsSectionOfItsMember() {
        ClusterSnapshot c = SampleEstates.ordersProd();
        String member = c.members().get(1).name();
        ConsistencyProblem p = new ConsistencyProblem(ProblemKind.SETTING_DIFFERS, member, member
                + ": wal_keep_size is 64MB in effect but the dynamic configuration says 128MB");
        ClusterSnapshot shown = with(List.of(p));

        assertThat(Banners.of(shown, NOW, UTC)).singleElement().satisfies(b -> {
            assertThat(b.kind()).isEqualTo(BannerKind.DCS_NODE_DISAGREEMENT);
            assertThat(b.tone()).isEqualTo(Tone.WARN);
            assertThat(b.title()).isEqualTo("DCS and nodes disagree (1)");
            assertThat(b.message()).isEqualTo(p.message());
        });
        List<MemberDetails.Section> sections = MemberDetails.sections(shown.members().get(1), shown, NOW, UTC);
        assertThat(sections).extracting(MemberDetails.Section::title).containsSubsequence("DCS vs node", "Freshness");
        assertThat(sections).filteredOn(s -> s.title().equals("DCS vs node")).singleElement()
                .satisfies(s -> assertThat(s.rows()).singleElement().satisfies(r -> {
                    assertThat(r.key()).isEqualTo("setting-differs");
                    assertThat(r.value()).isEqualTo(p.message());
                    assertThat(r.tone()).isEqualTo(Tone.WARN);
                }));
        assertThat(MemberDetails.sections(shown.members().get(0), shown, NOW, UTC))
                .extracting(MemberDetails.Section::title).doesNotContain("DCS vs node");
    }

    @Test
    void aSplitBrainRiskMakesTheBannerRed() {
        ClusterSnapshot shown = with(List.of(
                new ConsistencyProblem(ProblemKind.SETTING_DIFFERS, "a", "a differs"),
                new ConsistencyProblem(ProblemKind.SPLIT_BRAIN_RISK, "b", "b is not in recovery")));
        assertThat(Banners.of(shown, NOW, UTC)).singleElement().satisfies(b -> {
            assertThat(b.tone()).isEqualTo(Tone.DANGER);
            assertThat(b.title()).isEqualTo("DCS and nodes disagree (2)");
            assertThat(b.message()).isEqualTo("a differs · b is not in recovery");
        });
    }
}
