package io.pilothouse.services.history;

import io.pilothouse.services.model.ClusterEvent;
import io.pilothouse.services.model.ClusterEventType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.pilothouse.services.model.ClusterEventType.*;
import static org.assertj.core.api.Assertions.assertThat;

class ClusterHistoryTest {

    private static final Instant T0 = Instant.parse("2026-11-21T05:40:42Z");

    private static ClusterEvent ev(long millis, ClusterEventType type, String member, String from, String to) {
        return new ClusterEvent(type, "sandbox", "demo", member, from, to, T0.plusMillis(millis));
    }

    @Test
    void mergesTimelineRecordsWithLiveEventsInTimeOrderWithoutDuplicateTimelines() {
        ClusterHistory h = new ClusterHistory("demo");
        h.record(ev(3500, MEMBER_STALE, "node2", "LIVE", "UNREACHABLE"));
        h.record(ev(20_100, LEADER_LOST, "node2", "node2", null));
        h.record(ev(20_150, MEMBER_LEFT, "node2", "leader", null));
        h.record(ev(21_000, LEADER_ELECTED, "node3", null, "node3"));
        h.record(ev(21_500, TIMELINE_CHANGED, null, "2", "3"));
        h.record(ev(60_000, MEMBER_JOINED, "node2", null, null));
        h.setTimelines(PatroniHistoryParser.parse(PatroniHistoryParserTest.PATRONI_3, "test"));

        List<HistoryEntry> all = h.entries();
        assertThat(all).extracting(HistoryEntry::kind).containsExactly(HistoryKind.TIMELINE, HistoryKind.MEMBER_LOST,
                HistoryKind.FAILOVER, HistoryKind.TIMELINE, HistoryKind.MEMBER_JOINED);
        assertThat(all.get(0).detail()).isEqualTo("Timeline 2 began on node2 at LSN 0/30000A0 (no recovery target specified)");
        assertThat(all.get(2).detail()).startsWith("node2 → node3: ");
        assertThat(all.get(3).time()).as("Patroni's own time wins over the live one")
                .isEqualTo(Instant.parse("2026-11-21T05:41:03.101918Z"));
        assertThat(all.get(4).detail()).isEqualTo("node2 registered again");
    }

    @Test
    void keepsOnlyTheNewestLiveEntries() {
        ClusterHistory h = new ClusterHistory("demo", new LeaderTransitionClassifier(), 3);
        for (int i = 0; i < 10; i++) {
            h.record(ev(i * 1000L, MEMBER_JOINED, "m" + i, null, null));
        }
        assertThat(h.entries()).extracting(HistoryEntry::member).containsExactly("m7", "m8", "m9");
    }

    @Test
    void notifiesLeaderChangesAndLostMembersOnly() {
        List<Notification> sent = new ArrayList<>();
        EstateHistory estate = new EstateHistory(sent::add);
        estate.accept(ev(0, LEADER_LOST, "node1", "node1", null));
        estate.accept(ev(5, LEADER_ELECTED, "node2", null, "node2"));
        estate.accept(ev(900, TIMELINE_CHANGED, null, "1", "2"));
        estate.accept(ev(5000, MEMBER_LEFT, "node3", "replica", null));
        estate.accept(ev(9000, MEMBER_JOINED, "node3", null, null));
        assertThat(sent).extracting(Notification::severity).containsExactly(Severity.INFO, Severity.WARNING);
        assertThat(sent.get(0).title()).isEqualTo("Switchover in demo");
        assertThat(sent.get(1).title()).isEqualTo("Member node3 lost in demo");
        assertThat(estate.find("sandbox", "demo").orElseThrow().entries()).hasSize(4);
    }

    @Test
    void aFailingNotifierDoesNotStopTheHistory() {
        EstateHistory estate = new EstateHistory(n -> {
            throw new IllegalStateException("no notification daemon");
        });
        estate.accept(ev(0, MEMBER_LEFT, "node3", "replica", null));
        assertThat(estate.cluster("sandbox", "demo").entries()).hasSize(1);
    }
}
