package io.pilothouse.views.reshard;

import io.pilothouse.services.reshard.MoveProgress;
import io.pilothouse.services.reshard.MoveState;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.Queue;

import static org.assertj.core.api.Assertions.assertThat;

/** The running move's state with a hand-driven fx executor: progress is coalesced, the stop is never lost. */
class ReshardRunStateTest {

    private final Queue<Runnable> fxQueue = new ArrayDeque<>();
    private final ReshardRunState run = new ReshardRunState(fxQueue::add);

    @Test
    void aBurstOfProgressCostsOneUpdateWithTheLatest() {
        run.start("Moving orders_p3 to shard2", true);
        run.offer(MoveProgress.step(MoveState.SUBSCRIBED, "copy 1"));
        run.offer(MoveProgress.step(MoveState.SUBSCRIBED, "copy 2"));
        run.offer(MoveProgress.step(MoveState.SUBSCRIBED, "catch up"));
        assertThat(fxQueue).hasSize(1);
        assertThat(run.progressProperty().get()).isNull();
        fxQueue.poll().run();
        assertThat(run.progressProperty().get().step()).isEqualTo("catch up");
        run.offer(MoveProgress.step(MoveState.SUBSCRIBED, "caught up"));
        assertThat(fxQueue).hasSize(1);
    }

    @Test
    void aStopAskedIsSeenByTheMoveAndResetByTheNextRun() {
        run.start("Moving orders_p3 to shard2", true);
        assertThat(run.stopAsked()).isFalse();
        run.stopBeforeCutover();
        assertThat(run.stopAsked()).isTrue();
        assertThat(run.stopRequestedProperty().get()).isTrue();
        run.start("Rolling back the move of orders_p3", false);
        assertThat(run.stopAsked()).isFalse();
        assertThat(run.stoppableProperty().get()).isFalse();
        assertThat(run.runningProperty().get()).isEqualTo("Rolling back the move of orders_p3");
    }
}
