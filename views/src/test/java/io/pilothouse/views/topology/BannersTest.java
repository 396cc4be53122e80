package io.pilothouse.views.topology;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.ScheduledSwitchover;
import io.pilothouse.views.SampleEstates;
import io.pilothouse.views.Tone;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.List;

import static io.pilothouse.views.SampleEstates.NOW;
import static org.assertj.core.api.Assertions.assertThat;

class BannersTest {

    private static final ZoneId UTC = ZoneId.of("UTC");

    private static List<Banner> of(ClusterSnapshot c) {
        return Banners.of(c, NOW, UTC);
    }

    private static ClusterSnapshot withLease(long left, long ttl) {
        ClusterSnapshot c = SampleEstates.ordersProd();
        return ClusterSnapshot.builder(c.source(), c.scope()).leader(c.leader()).timeline(c.timeline())
                .leaderLeaseSecondsLeft(left).ttlSeconds(ttl).members(c.members()).sources(c.sources())
                .observedAt(c.observedAt()).build();
    }

    @Test
    void aBrokenStandbyOfAPlainClusterIsADangerBannerAndNoPrimaryIsWordedWithoutPatroni() {
        ClusterSnapshot c = SampleEstates.ordersProd();
        ClusterSnapshot plain = ClusterSnapshot.builder(c.source(), c.scope())
                .members(c.members()).sources(java.util.Map.of(io.pilothouse.services.model.SourceKind.POSTGRES,
                c.sourceStatus(io.pilothouse.services.model.SourceKind.POSTGRES))).observedAt(c.observedAt())
                .problems(List.of("127.0.0.1:5434 is not streaming: its upstream is gone.")).build();

        List<Banner> banners = of(plain);

        assertThat(banners).extracting(Banner::kind)
                .containsExactlyInAnyOrder(BannerKind.REPLICATION_PROBLEM, BannerKind.NO_LEADER);
        assertThat(banners).filteredOn(b -> b.kind() == BannerKind.REPLICATION_PROBLEM).singleElement()
                .satisfies(b -> assertThat(b.message()).contains("is not streaming"));
        assertThat(banners).filteredOn(b -> b.kind() == BannerKind.NO_LEADER).singleElement()
                .satisfies(b -> assertThat(b.message()).doesNotContain("leader key").contains("promoted"));
    }

    @Test
    void strictModeWithoutAStandbyIsAWritesBlockedBannerNotAReplicationProblem() {
        ClusterSnapshot c = SampleEstates.ordersProd();
        io.pilothouse.services.model.SyncReplication sync = new io.pilothouse.services.model.SyncReplication(
                io.pilothouse.services.model.SyncMode.SYNC, true, 1, List.of(), null, "*", true);
        ClusterSnapshot blocked = ClusterSnapshot.builder(c.source(), c.scope())
                .leader(c.leader())
                .timeline(c.timeline())
                .members(c.members())
                .sources(c.sources())
                .observedAt(c.observedAt())
                .slots(List.of())
                .problems(List.of(io.pilothouse.services.model.SyncReplication.WRITES_BLOCKED))
                .prepared(List.of())
                .sync(sync)
                .build();

        assertThat(of(blocked)).singleElement().satisfies(b -> {
            assertThat(b.kind()).isEqualTo(BannerKind.WRITES_BLOCKED);
            assertThat(b.tone()).isEqualTo(Tone.DANGER);
            assertThat(b.message()).startsWith("synchronous_mode_strict is on")
                    .endsWith("Rule in force: sync: no sync standby (strict).");
        });
    }

    @Test
    void aHealthyClusterHasNoBanner() {
        assertThat(of(SampleEstates.ordersProd())).isEmpty();
    }

    @Test
    void noLeaderIsADangerBanner() {
        assertThat(of(SampleEstates.analyticsNoLeader()))
                .extracting(Banner::kind, Banner::tone)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(BannerKind.NO_LEADER, Tone.DANGER));
    }

    @Test
    void staleDataSaysWhichSourceWasLostAndHowLongAgo() {
        Banner b = of(SampleEstates.reportingStale()).get(0);
        assertThat(b.kind()).isEqualTo(BannerKind.STALE_DATA);
        assertThat(b.tone()).isEqualTo(Tone.WARN);
        assertThat(b.message()).contains("etcd lost 14 s ago (connection refused)").contains("REST lost 9 s ago")
                .doesNotContain("SQL");
    }

    @Test
    void pausedAndScheduledSwitchoverAreShownWithWhenAndToWhom() {
        List<Banner> banners = of(SampleEstates.billingProd());
        assertThat(banners).extracting(Banner::kind)
                .containsExactly(BannerKind.PAUSED, BannerKind.SCHEDULED_SWITCHOVER);
        assertThat(banners.get(1).message()).contains("15:00:00").contains("in 27 min 50 s").contains("to pg-bill-b");
    }

    @Test
    void warnsWhenTheLeaderLeaseFallsBelowAThirdOfTheTtl() {
        assertThat(of(withLease(11, 30))).isEmpty();
        List<Banner> b = of(withLease(7, 30));
        assertThat(b).extracting(Banner::kind).containsExactly(BannerKind.LEASE_EXPIRING);
        assertThat(b.get(0).message()).contains("expires in 7 s").contains("ttl 30 s");
    }

    @Test
    void aSwitchoverWithoutCandidateSaysPatroniPicks() {
        ClusterSnapshot c = SampleEstates.ordersProd();
        ClusterSnapshot s = ClusterSnapshot.builder(c.source(), c.scope()).leader(c.leader()).timeline(7)
                .scheduledSwitchover(new ScheduledSwitchover("not a date", null, null)).members(c.members())
                .sources(c.sources()).observedAt(NOW).build();
        assertThat(of(s).get(0).message()).contains("at not a date").contains("a member Patroni picks");
    }

    @Test
    void aLostMemberAndAnUnreachableDcsAreDangerBannersNamingWhatIsWrong() {
        ClusterSnapshot c = SampleEstates.ordersProd();
        java.util.List<io.pilothouse.services.model.Member> members = new java.util.ArrayList<>(c.members());
        io.pilothouse.services.model.Member gone = members.remove(members.size() - 1).toBuilder()
                .state(io.pilothouse.services.model.MemberState.LOST)
                .role(io.pilothouse.services.model.MemberRole.UNKNOWN)
                .freshness(io.pilothouse.services.model.Freshness.UNREACHABLE).lastSeen(NOW.minusSeconds(40)).build();
        members.add(gone);
        java.util.Map<io.pilothouse.services.model.SourceKind, io.pilothouse.services.model.SourceStatus> sources =
                new java.util.EnumMap<>(c.sources());
        sources.put(io.pilothouse.services.model.SourceKind.ETCD, new io.pilothouse.services.model.SourceStatus(
                io.pilothouse.services.model.SourceKind.ETCD, io.pilothouse.services.model.Freshness.UNREACHABLE,
                NOW.minusSeconds(30), "etcd refused"));
        ClusterSnapshot hurt = c.withMembers(members);
        hurt = ClusterSnapshot.builder(hurt.source(), hurt.scope())
                .leader(hurt.leader())
                .timeline(hurt.timeline())
                .ttlSeconds(hurt.ttlSeconds())
                .members(hurt.members())
                .sources(sources)
                .observedAt(hurt.observedAt())
                .build();

        List<Banner> banners = of(hurt);

        assertThat(banners).filteredOn(b -> b.kind() == BannerKind.MEMBER_LOST).singleElement().satisfies(b -> {
            assertThat(b.tone()).isEqualTo(Tone.DANGER);
            assertThat(b.message()).contains(gone.name()).contains("lost since");
        });
        assertThat(banners).filteredOn(b -> b.kind() == BannerKind.DCS_UNREACHABLE).singleElement()
                .satisfies(b -> assertThat(b.tone()).isEqualTo(Tone.DANGER));
        assertThat(MemberPresentation.staleBadge(gone, NOW)).startsWith("LOST").contains("40 s ago");
        assertThat(MemberPresentation.stateTone(gone.state())).isEqualTo(Tone.DANGER);
    }
}
