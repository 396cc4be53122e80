package io.pilothouse.services.live;

import io.pilothouse.services.etcd.DcsValue;
import io.pilothouse.services.etcd.DcsViewParser;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Freshness;
import io.pilothouse.services.model.SourceKind;
import io.pilothouse.services.model.SourceStatus;
import io.pilothouse.services.testing.HandClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the monitor assembles and publishes when nothing but clocks move (a cluster whose members do not answer: the
 * lease counts down, etcd confirms itself): nothing until the heartbeat, then one snapshot with the clocks.
 */
class ClusterMonitorPublishTest {

    private static final Instant T0 = Instant.parse("2026-12-07T12:00:00Z");
    private final LiveExecutors executors = LiveExecutors.create();
    private final HandClock clock = new HandClock(T0);
    private final List<ClusterSnapshot> changed = new ArrayList<>();
    private final List<ClusterSnapshot> clocks = new ArrayList<>();
    private final ClusterMonitor monitor = new ClusterMonitor("etcd", "demo", true, executors, LiveSettings.DEFAULTS,
            null, null, clock, changed::add, e -> { }).clocksTo(clocks::add);

    @AfterEach
    void close() {
        executors.close();
    }

    @Test
    void aLeaseCountingDownAndEtcdConfirmingItselfArePublishedOnlyWithTheHeartbeat() {
        monitor.dcs(DcsViewParser.parse("demo", keys()));
        monitor.etcdStatus(new SourceStatus(SourceKind.ETCD, Freshness.LIVE, clock.instant(), null));
        monitor.leaderLease(30L);
        int first = changed.size();
        long assembled = monitor.assemblies();
        assertThat(changed.get(first - 1).leaderLeaseSecondsLeft()).isEqualTo(30L);

        // Within the heartbeat (half of 3.5 s): the countdown, a confirmation and a poll change nothing published.
        clock.advance(Duration.ofMillis(600));
        monitor.leaderLease(29L);
        monitor.etcdStatus(new SourceStatus(SourceKind.ETCD, Freshness.LIVE, clock.instant(), null));
        monitor.publish();
        clock.advance(Duration.ofMillis(600));
        monitor.leaderLease(28L);
        monitor.publish();
        assertThat(changed).hasSize(first);
        assertThat(clocks).isEmpty();
        assertThat(monitor.assemblies()).as("nothing assembled while only clocks moved").isEqualTo(assembled);

        // The heartbeat is due: the next poll publishes the clocks once, the lease's countdown with them, and with
        // no read live to turn stale, without an assembly: the last snapshot with new clocks.
        clock.advance(Duration.ofMillis(700));
        monitor.publish();
        monitor.publish();
        assertThat(changed).hasSize(first);
        assertThat(clocks).hasSize(1);
        assertThat(monitor.assemblies()).isEqualTo(assembled);
        ClusterSnapshot beat = clocks.get(0);
        assertThat(beat.leaderLeaseSecondsLeft()).isEqualTo(28L);
        assertThat(beat.sources().get(SourceKind.ETCD).lastSuccess()).isEqualTo(T0.plusMillis(600));
        assertThat(beat.observedAt()).isEqualTo(T0.plusMillis(1900));

        // Exactly what a monitor assembling the same inputs at that moment publishes.
        List<ClusterSnapshot> fresh = new ArrayList<>();
        ClusterMonitor other = new ClusterMonitor("etcd", "demo", true, executors, LiveSettings.DEFAULTS, null, null,
                clock, fresh::add, e -> { });
        other.etcdStatus(new SourceStatus(SourceKind.ETCD, Freshness.LIVE, T0.plusMillis(600), null));
        other.leaderLease(28L);
        other.dcs(DcsViewParser.parse("demo", keys()));
        assertThat(beat).isEqualTo(fresh.get(fresh.size() - 1));
    }

    @Test
    void anInputThatMovesIsPublishedAtOnce() {
        monitor.dcs(DcsViewParser.parse("demo", keys()));
        monitor.etcdStatus(new SourceStatus(SourceKind.ETCD, Freshness.LIVE, clock.instant(), null));
        monitor.leaderLease(30L);
        int first = changed.size();
        clock.advance(Duration.ofMillis(300));
        // The lease going (the leader key expired) and etcd failing are news, not clocks.
        monitor.leaderLease(null);
        assertThat(changed).hasSize(first + 1);
        assertThat(changed.get(first).leaderLeaseSecondsLeft()).isNull();
        monitor.etcdStatus(new SourceStatus(SourceKind.ETCD, Freshness.STALE, null, "etcd did not answer"));
        assertThat(changed).hasSize(first + 2);
        assertThat(changed.get(first + 1).sources().get(SourceKind.ETCD).lastError()).isEqualTo("etcd did not answer");
    }

    private static Map<String, DcsValue> keys() {
        Map<String, DcsValue> keys = new TreeMap<>();
        keys.put("leader", new DcsValue("node1", 7, 1));
        for (int i = 1; i <= 2; i++) {
            keys.put("members/node" + i, new DcsValue("{\"conn_url\":\"postgres://127.0.0.1:543" + i
                    + "/postgres\",\"state\":\"" + (i == 1 ? "running" : "streaming") + "\",\"role\":\""
                    + (i == 1 ? "primary" : "replica") + "\",\"version\":\"4.0.7\",\"xlog_location\":50331648,"
                    + "\"timeline\":1}", 1, 1));
        }
        return keys;
    }
}
