package io.pilothouse.services.history;

import io.pilothouse.services.locks.OperationRegistry;
import io.pilothouse.services.model.ClusterEvent;
import io.pilothouse.services.model.ClusterEventType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.pilothouse.services.model.ClusterEventType.LEADER_ELECTED;
import static io.pilothouse.services.model.ClusterEventType.LEADER_LOST;
import static io.pilothouse.services.model.ClusterEventType.MEMBER_LEFT;
import static org.assertj.core.api.Assertions.assertThat;

/** The app's own planned switchover raises no "member lost" or leader-change notification; others' changes do. */
class PlannedChangesTest {

    private static final Instant T0 = Instant.parse("2026-12-06T20:00:00Z");

    private static ClusterEvent ev(long millis, ClusterEventType type, String scope, String member, String from,
                                   String to) {
        return new ClusterEvent(type, "sandbox", scope, member, from, to, T0.plusMillis(millis));
    }

    @Test
    void ourSwitchoverIsRecordedButNotNotifiedWhileAnotherClustersLossIs() {
        OperationRegistry registry = new OperationRegistry();
        List<Notification> sent = new ArrayList<>();
        EstateHistory estate = new EstateHistory(sent::add, registry::plannedActionOn);

        try (OperationRegistry.Registration r = registry.begin("demo", "switchover", "node2", "lock")) {
            estate.accept(ev(10, LEADER_LOST, "demo", "node1", "node1", null));
            estate.accept(ev(20, LEADER_ELECTED, "demo", "node2", null, "node2"));
            estate.accept(ev(25, MEMBER_LEFT, "demo", "node1", "replica", null));
            estate.accept(ev(30, MEMBER_LEFT, "shard1", "s1", "replica", null));
        }
        // Patroni's settling after the operation returned is still the operation's doing.
        estate.accept(ev(5000, MEMBER_LEFT, "demo", "node3", "replica", null));

        assertThat(sent).extracting(Notification::title).containsExactly("Member s1 lost in shard1");
        assertThat(estate.find("sandbox", "demo").orElseThrow().entries())
                .extracting(HistoryEntry::kind).contains(HistoryKind.MEMBER_LOST, HistoryKind.SWITCHOVER);
    }

    @Test
    void withoutAPlannedOperationEveryLossNotifies() {
        List<Notification> sent = new ArrayList<>();
        EstateHistory estate = new EstateHistory(sent::add, new OperationRegistry()::plannedActionOn);
        estate.accept(ev(0, MEMBER_LEFT, "demo", "node3", "replica", null));
        assertThat(sent).extracting(Notification::title).containsExactly("Member node3 lost in demo");
    }
}
