package io.pilothouse.services.locks;

import io.pilothouse.services.testing.HandClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The registry of running operations: ours with their steps and waits, other operators', planned changes. */
class OperationRegistryTest {

    private static final Instant T0 = Instant.parse("2026-12-06T20:00:00Z");

    private final HandClock clock = new HandClock(T0);
    private final OperationRegistry registry = new OperationRegistry(clock, Duration.ofSeconds(45));

    @Test
    void showsOurOperationWithItsStepAndWaitUntilItEnds() {
        List<List<RunningOperation>> seen = new ArrayList<>();
        registry.subscribe(seen::add);

        try (OperationRegistry.Registration r = registry.begin("demo", "reshard-move", "demo.orders_p3",
                "operation lock /pilothouse/locks/demo")) {
            assertThat(registry.current()).containsSame(r);
            r.step("Subscribing shard2 to ph_move_1");
            r.waiting("waiting for prepared transaction tx_0021_demo, 114 s old");

            RunningOperation op = registry.running().get(0);
            assertThat(op.ours()).isTrue();
            assertThat(op.scope()).isEqualTo("demo");
            assertThat(op.step()).isEqualTo("Subscribing shard2 to ph_move_1");
            assertThat(op.waitingOn()).contains("tx_0021_demo");
            assertThat(op.holds()).contains("/pilothouse/locks/demo");
            assertThat(registry.runningOn("demo")).hasSize(1);
            assertThat(registry.runningOn("shard2")).isEmpty();

            r.step("Cutting over");
            assertThat(registry.running().get(0).waitingOn()).as("a new step clears the wait").isNull();
        }
        assertThat(registry.running()).isEmpty();
        assertThat(registry.current()).isEmpty();
        assertThat(seen.get(0)).as("told at once").isEmpty();
        assertThat(seen.get(seen.size() - 1)).isEmpty();
        assertThat(seen).anyMatch(l -> l.size() == 1 && l.get(0).waitingOn() != null);
    }

    @Test
    void aLeaderChangeIsPlannedWhileOurOperationRunsAndForTheGraceAfter() {
        assertThat(registry.plannedChangeOn("demo")).isFalse();
        OperationRegistry.Registration r = registry.begin("demo", "switchover", "node2", "lock");
        assertThat(registry.plannedChangeOn("demo")).isTrue();
        assertThat(registry.plannedChangeOn("other")).isFalse();
        clock.set(T0.plusSeconds(20));
        r.close();
        assertThat(registry.plannedActionOn("demo")).contains("switchover");
        clock.set(T0.plusSeconds(64));
        assertThat(registry.plannedChangeOn("demo")).as("44 s after the end").isTrue();
        clock.set(T0.plusSeconds(66));
        assertThat(registry.plannedChangeOn("demo")).isFalse();
        assertThat(registry.plannedActionOn("demo")).isEmpty();
    }

    @Test
    void otherOperatorsAreListedAfterOursAndOurOwnLockKeysAreNotCountedTwice() {
        String me = LockHolder.current("x").describe();
        RunningOperation mine = new RunningOperation("/l/demo", "demo", "switchover", null,
                RunningOperation.Origin.OTHER_OPERATOR, me, T0, "operation lock /l/demo", null, null);
        RunningOperation theirs = new RunningOperation("/l/shard1", "shard1", "restart", null,
                RunningOperation.Origin.OTHER_OPERATOR, "ana@host9 (pid 77)", T0.minusSeconds(30),
                "operation lock /l/shard1", null, null);
        try (OperationRegistry.Registration r = registry.begin("demo", "switchover", "node2", "lock")) {
            registry.othersSeen(List.of(mine, theirs));
            assertThat(registry.running()).extracting(RunningOperation::scope).containsExactly("demo", "shard1");
            assertThat(registry.running().get(1).describe(T0)).isEqualTo("restart on shard1 (ana@host9 (pid 77), 30 s)");
            assertThat(registry.plannedChangeOn("shard1")).as("another operator's change is not ours").isFalse();
        }
    }

    @Test
    void tellsFinishedListenersSoViewsReadAgain() {
        List<String> ended = new ArrayList<>();
        registry.onFinished(op -> ended.add(op.action() + " " + op.target()));
        registry.begin("demo", "reshard-move", "demo.orders_p3", "lock").close();
        assertThat(ended).containsExactly("reshard-move demo.orders_p3");
    }

    @Test
    void aBrokenListenerDoesNotBreakTheOperation() {
        registry.subscribe(l -> {
            if (!l.isEmpty()) {
                throw new IllegalStateException("window gone");
            }
        });
        try (OperationRegistry.Registration r = registry.begin("demo", "pause", "demo", "lock")) {
            r.step("Pausing");
        }
        assertThat(registry.running()).isEmpty();
    }
}
