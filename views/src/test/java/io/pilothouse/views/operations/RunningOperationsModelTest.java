package io.pilothouse.views.operations;

import io.pilothouse.services.locks.OperationRegistry;
import io.pilothouse.services.locks.RunningOperation;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The running-operations summary every window can bind: idle, running, waiting, other operators. */
class RunningOperationsModelTest {

    private static final Instant T0 = Instant.parse("2026-12-06T20:00:00Z");

    @Test
    void saysWhatRunsWhereAndWhatItWaitsOnThenGoesIdle() {
        Clock clock = Clock.fixed(T0.plusSeconds(114), ZoneOffset.UTC);
        OperationRegistry registry = new OperationRegistry(Clock.fixed(T0, ZoneOffset.UTC), Duration.ofSeconds(45));
        RunningOperationsModel m = new RunningOperationsModel(registry, Runnable::run, clock);
        assertThat(m.summaryProperty().get()).isEqualTo("No operation running");
        assertThat(m.countProperty().get()).isZero();

        try (OperationRegistry.Registration move = registry.begin("demo", "reshard-move", "demo.orders_p3",
                "operation lock /pilothouse/locks/demo")) {
            move.step("Subscribing shard2 to ph_move_1");
            assertThat(m.summaryProperty().get()).isEqualTo("Running: reshard-move demo.orders_p3 on demo "
                    + "(this Pilothouse, 114 s) — Subscribing shard2 to ph_move_1");
            assertThat(m.waitingProperty().get()).isFalse();

            move.waiting("waiting for prepared transaction tx_0021_demo, 114 s old — resolve it, or cancel the step");
            assertThat(m.waitingProperty().get()).isTrue();
            assertThat(m.summaryProperty().get()).endsWith("— waiting for prepared transaction tx_0021_demo, "
                    + "114 s old — resolve it, or cancel the step");
            assertThat(m.detailsProperty().get()).contains("holds operation lock /pilothouse/locks/demo")
                    .contains("step: Subscribing shard2");

            registry.othersSeen(List.of(new RunningOperation("/pilothouse/locks/shard1", "shard1", "restart", null,
                    RunningOperation.Origin.OTHER_OPERATOR, "ana@host9 (pid 77)", T0, "operation lock "
                    + "/pilothouse/locks/shard1", null, null)));
            assertThat(m.countProperty().get()).isEqualTo(2);
            assertThat(m.summaryProperty().get()).startsWith("2 running: reshard-move");
            assertThat(m.detailsProperty().get()).contains("restart on shard1 (ana@host9 (pid 77), 114 s)");
        }
        registry.othersSeen(List.of());
        assertThat(m.summaryProperty().get()).isEqualTo("No operation running");
        m.dispose();
    }

    @Test
    void manyChangesFromAnotherThreadAreHandedOverOnceUntilApplied() {
        List<Runnable> queued = new ArrayList<>();
        OperationRegistry registry = new OperationRegistry();
        RunningOperationsModel m = new RunningOperationsModel(registry, queued::add, Clock.systemUTC());
        try (OperationRegistry.Registration r = registry.begin("demo", "reshard-move", "p3", "lock")) {
            for (int i = 0; i < 50; i++) {
                r.step("copying " + i);
            }
            assertThat(queued).as("one hand-over pending at a time").hasSize(1);
            queued.remove(0).run();
            assertThat(m.summaryProperty().get()).endsWith("copying 49");
        }
    }
}
