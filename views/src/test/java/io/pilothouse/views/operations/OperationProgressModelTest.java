package io.pilothouse.views.operations;

import io.pilothouse.services.operations.OperationFailedException;
import io.pilothouse.services.policy.MutationRefusedException;
import io.pilothouse.services.policy.MutationRequest;
import io.pilothouse.views.operations.OperationProgressModel.Outcome;
import io.pilothouse.views.operations.OperationProgressModel.Step;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** An operation's model with its actions port and fx on the current thread: no toolkit, no window. */
class OperationProgressModelTest {

    private final List<Consumer<String>> sinks = new ArrayList<>();
    private final List<CompletableFuture<OperationActions.Verified>> runs = new ArrayList<>();
    private final OperationProgressModel model = new OperationProgressModel("Restarting node2 \u2026", Runnable::run);

    {
        model.setActions(progress -> {
            sinks.add(progress);
            CompletableFuture<OperationActions.Verified> f = new CompletableFuture<>();
            runs.add(f);
            return f;
        });
    }

    @Test
    void confirmingRunsTheOperationOnceAndShowsItsLinesAndVerifiedOutcome() {
        List<String> order = new ArrayList<>();
        model.setOnConfirm(() -> order.add("options read"));
        model.confirm();
        model.confirm();
        assertThat(runs).as("a second Enter must not start it twice").hasSize(1);
        assertThat(order).containsExactly("options read");
        assertThat(model.stepProperty().get()).isEqualTo(Step.RUNNING);
        assertThat(model.statusProperty().get()).isEqualTo("Restarting node2 \u2026");
        sinks.get(0).accept("POST /restart answered 200");
        sinks.get(0).accept("node2 is running again");
        runs.get(0).complete(new OperationActions.Verified("node2 runs, timeline 3", List.of("Total 4.2 s")));
        assertThat(model.lines()).containsExactly("POST /restart answered 200", "node2 is running again");
        assertThat(model.stepProperty().get()).isEqualTo(Step.DONE);
        assertThat(model.outcomeProperty().get()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(model.resultProperty().get()).isEqualTo(new OperationProgressModel.Result("Done \u2014 verified",
                "node2 runs, timeline 3", List.of("Total 4.2 s")));
        sinks.get(0).accept("late line");
        assertThat(model.lines()).as("lines after the outcome are ignored").hasSize(2);
    }

    @Test
    void aRefusalSaysNothingWasSent() {
        model.confirm();
        runs.get(0).completeExceptionally(new CompletionException(new MutationRefusedException(
                MutationRequest.of("restart", "demo", "node2"), "the workspace is read-only", null)));
        assertThat(model.outcomeProperty().get()).isEqualTo(Outcome.REFUSED);
        assertThat(model.resultProperty().get().title()).isEqualTo("Refused \u2014 nothing was sent");
        assertThat(model.resultProperty().get().message()).isEqualTo("the workspace is read-only");
        assertThat(model.statusProperty().get()).isEqualTo("Refused");
    }

    @Test
    void failuresSayWhatToLookAt() {
        model.confirm();
        runs.get(0).completeExceptionally(new OperationFailedException("node2 did not come back within 60 s"));
        assertThat(model.outcomeProperty().get()).isEqualTo(Outcome.FAILED);
        assertThat(model.resultProperty().get().message()).isEqualTo("node2 did not come back within 60 s");
        assertThat(model.resultProperty().get().figures()).singleElement().asString()
                .contains("look at the cluster");

        OperationProgressModel other = new OperationProgressModel("Reloading \u2026", Runnable::run);
        other.setActions(p -> CompletableFuture.failedFuture(new InterruptedException()));
        other.confirm();
        assertThat(other.resultProperty().get().message()).startsWith("The operation was interrupted");
        OperationProgressModel odd = new OperationProgressModel("Reloading \u2026", Runnable::run);
        odd.setActions(p -> CompletableFuture.failedFuture(new IllegalStateException("boom")));
        odd.confirm();
        assertThat(odd.resultProperty().get().message()).startsWith("Unexpected error: java.lang.IllegalStateException: boom");
    }
}
