package io.pilothouse.views;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Freshness;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.model.MemberRole;
import io.pilothouse.services.model.MemberState;
import io.pilothouse.services.model.ReportedLag;
import io.pilothouse.services.model.ScheduledSwitchover;
import io.pilothouse.services.model.SourceKind;
import io.pilothouse.services.model.SourceStatus;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Realistic cluster snapshots built by hand (a model, not a faked server), for view tests and screenshots.
 * Times are relative to {@link #NOW}.
 */
public final class SampleEstates {

    /** The fixed "now" of every sample. */
    public static final Instant NOW = Instant.parse("2026-11-21T14:32:10Z");
    /** A clock stopped at {@link #NOW}, in UTC. */
    public static final Clock CLOCK = Clock.fixed(NOW, ZoneId.of("UTC"));

    public static final String EU = "etcd-prod-eu";
    public static final String STAGING = "etcd-staging";
    public static final String DC2 = "patroni-dc2";

    private SampleEstates() {
    }

    /** A live member builder with the usual fields filled. */
    public static Member.Builder member(String name, MemberRole role, String host) {
        return Member.builder(name).role(role).state(role.isLeaderLike() ? MemberState.RUNNING : MemberState.STREAMING)
                .host(host).port(5432).apiUrl("http://" + host + ":8008").timeline(7)
                .postgresVersion("16.4").patroniVersion("4.0.4").freshness(Freshness.LIVE)
                .lastSeen(NOW.minusMillis(800));
    }

    /** Every source live. */
    public static Map<SourceKind, SourceStatus> allLive() {
        Map<SourceKind, SourceStatus> m = new EnumMap<>(SourceKind.class);
        for (SourceKind k : SourceKind.values()) {
            m.put(k, new SourceStatus(k, Freshness.LIVE, NOW.minusMillis(400), null));
        }
        return m;
    }

    /** A cluster snapshot with the common defaults (ttl 30, 1 MiB maximum lag on failover). */
    public static ClusterSnapshot cluster(String source, String scope, String leader, boolean paused,
                                          ScheduledSwitchover switchover, List<Member> members,
                                          Map<SourceKind, SourceStatus> sources) {
        return ClusterSnapshot.builder(source, scope).leader(leader).timeline(7).paused(paused)
                .scheduledSwitchover(switchover).leaderLeaseSecondsLeft(24L).ttlSeconds(30L)
                .maximumLagOnFailover(1_048_576L).members(members).sources(sources).observedAt(NOW).build();
    }

    /** Three healthy members: leader, sync standby, async replica with a little lag. */
    public static ClusterSnapshot ordersProd() {
        return cluster(EU, "orders-prod", "pg-orders-1", false, null, List.of(
                member("pg-orders-1", MemberRole.LEADER, "10.20.1.11").state(MemberState.RUNNING).build(),
                member("pg-orders-2", MemberRole.SYNC_STANDBY, "10.20.1.12").syncState("sync")
                        .replicationState("streaming").sqlLagBytes(0L).sqlLagSeconds(0.0)
                        .patroniLag(ReportedLag.ofBytes(0)).build(),
                member("pg-orders-3", MemberRole.REPLICA, "10.20.2.13").syncState("async")
                        .replicationState("streaming").sqlLagBytes(933_888L).sqlLagSeconds(0.42)
                        .patroniLag(ReportedLag.ofBytes(786_432)).build()),
                allLive());
    }

    /**
     * Five members, paused, with a scheduled switchover: leader, sync standby, an async replica feeding a
     * cascading replica, and a stale member with tags and a pending restart.
     */
    public static ClusterSnapshot billingProd() {
        return cluster(EU, "billing-prod", "pg-bill-a", true,
                new ScheduledSwitchover("2026-11-21T15:00:00+00:00", "pg-bill-a", "pg-bill-b"), List.of(
                member("pg-bill-a", MemberRole.LEADER, "10.20.3.21").state(MemberState.RUNNING).build(),
                member("pg-bill-b", MemberRole.SYNC_STANDBY, "10.20.3.22").syncState("sync")
                        .replicationState("streaming").sqlLagBytes(0L).sqlLagSeconds(0.0)
                        .patroniLag(ReportedLag.ofBytes(0)).build(),
                member("pg-bill-c", MemberRole.REPLICA, "10.20.4.23").syncState("async")
                        .replicationState("streaming").sqlLagBytes(2_202_009L).sqlLagSeconds(0.31)
                        .patroniLag(ReportedLag.ofBytes(2_097_152)).build(),
                member("pg-bill-d", MemberRole.REPLICA, "10.20.4.24").upstream("pg-bill-c")
                        .tags(Map.of("replicatefrom", "pg-bill-c", "nosync", "true"))
                        .patroniLag(ReportedLag.ofBytes(3_355_443)).build(),
                member("pg-bill-e", MemberRole.REPLICA, "10.20.5.25").freshness(Freshness.STALE)
                        .lastSeen(NOW.minusSeconds(12)).pendingRestart(true).postgresVersion("16.3")
                        .tags(Map.of("nofailover", "true", "noloadbalance", "true"))
                        .patroniLag(ReportedLag.UNKNOWN).build()),
                allLive());
    }

    /**
     * Nine members three levels deep, the leader's lease about to run out, one member unreachable: the widest
     * and deepest tree the layout must survive.
     */
    public static ClusterSnapshot inventoryNine() {
        List<Member> m = new java.util.ArrayList<>();
        m.add(member("inv-01", MemberRole.LEADER, "10.50.0.1").state(MemberState.RUNNING).build());
        m.add(member("inv-02", MemberRole.SYNC_STANDBY, "10.50.0.2").syncState("sync").sqlLagBytes(0L)
                .sqlLagSeconds(0.0).build());
        for (int i = 3; i <= 6; i++) {
            m.add(member("inv-0" + i, MemberRole.REPLICA, "10.50.0." + i).syncState("async")
                    .sqlLagBytes(40_960L * i).sqlLagSeconds(0.1 * i).build());
        }
        m.set(5, m.get(5).toBuilder().freshness(Freshness.UNREACHABLE).state(MemberState.CRASHED)
                .lastSeen(NOW.minusSeconds(95)).sqlLagBytes(null).sqlLagSeconds(null)
                .patroniLag(ReportedLag.UNKNOWN).build());
        m.add(member("inv-07", MemberRole.REPLICA, "10.50.1.7").upstream("inv-03")
                .patroniLag(ReportedLag.ofBytes(81_920)).build());
        m.add(member("inv-08", MemberRole.REPLICA, "10.50.1.8").upstream("inv-03")
                .patroniLag(ReportedLag.ofBytes(0)).build());
        m.add(member("inv-09", MemberRole.REPLICA, "10.50.2.9").upstream("inv-07")
                .tags(Map.of("replicatefrom", "inv-07", "nofailover", "true")).patroniLag(ReportedLag.UNKNOWN)
                .build());
        return ClusterSnapshot.builder(EU, "inventory-prod").leader("inv-01").timeline(7).leaderLeaseSecondsLeft(6L)
                .ttlSeconds(30L).maximumLagOnFailover(1_048_576L).members(m).sources(allLive()).observedAt(NOW)
                .build();
    }

    /** Two replicas and no leader key. */
    public static ClusterSnapshot analyticsNoLeader() {
        return cluster(STAGING, "analytics-stg", null, false, null, List.of(
                member("an-1", MemberRole.REPLICA, "10.30.0.11").state(MemberState.RUNNING)
                        .patroniLag(ReportedLag.UNKNOWN).build(),
                member("an-2", MemberRole.REPLICA, "10.30.0.12").state(MemberState.STOPPED)
                        .patroniLag(ReportedLag.UNKNOWN).build()),
                allLive());
    }

    /** A healthy-looking cluster whose etcd and REST sources were lost: the feed is frozen. */
    public static ClusterSnapshot reportingStale() {
        Map<SourceKind, SourceStatus> s = new EnumMap<>(SourceKind.class);
        s.put(SourceKind.ETCD, new SourceStatus(SourceKind.ETCD, Freshness.UNREACHABLE, NOW.minusSeconds(14),
                "connection refused"));
        s.put(SourceKind.PATRONI_REST, new SourceStatus(SourceKind.PATRONI_REST, Freshness.STALE,
                NOW.minusSeconds(9), null));
        s.put(SourceKind.POSTGRES, new SourceStatus(SourceKind.POSTGRES, Freshness.LIVE, NOW.minusSeconds(1), null));
        return cluster(DC2, "reporting", "rep-1", false, null, List.of(
                member("rep-1", MemberRole.LEADER, "10.40.0.11").state(MemberState.RUNNING).build(),
                member("rep-2", MemberRole.REPLICA, "10.40.0.12").syncState("async").sqlLagBytes(0L)
                        .sqlLagSeconds(0.2).build()),
                s);
    }
}
