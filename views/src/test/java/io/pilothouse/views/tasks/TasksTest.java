package io.pilothouse.views.tasks;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;

/** The task helper on the current thread (fx = Runnable::run): no toolkit. */
class TasksTest {

    private final Tasks tasks = new Tasks(Runnable::run);
    private final List<String> seen = new ArrayList<>();

    @Test
    void deliversTheValueOrTheUnwrappedCause() {
        tasks.deliver(CompletableFuture.completedFuture("read"), seen::add, f -> seen.add("failed"));
        CompletableFuture<String> failing = new CompletableFuture<>();
        tasks.deliver(failing.thenApply(s -> s), seen::add, f -> seen.add(f.getClass().getSimpleName() + ": "
                + f.getMessage()));
        failing.completeExceptionally(new IOException("disk gone"));
        assertThat(seen).containsExactly("read", "IOException: disk gone");
    }

    @Test
    void aLaterRequestMakesTheEarlierAnswerStale() {
        CompletableFuture<String> first = new CompletableFuture<>();
        CompletableFuture<String> second = new CompletableFuture<>();
        tasks.latest(first, seen::add, f -> seen.add("failed"));
        tasks.latest(second, seen::add, f -> seen.add("failed"));
        first.complete("old");
        second.complete("new");
        assertThat(seen).containsExactly("new");
    }

    @Test
    void droppingPendingAnswersDropsFailuresToo() {
        CompletableFuture<String> read = new CompletableFuture<>();
        tasks.latest(read, seen::add, f -> seen.add("failed"));
        tasks.dropPending();
        read.completeExceptionally(new IllegalStateException("closed"));
        assertThat(seen).isEmpty();
    }

    @Test
    void supplyKeepsACheckedCauseAndItsWords() throws Exception {
        CompletableFuture<String> f = Tasks.supply(Runnable::run, () -> {
            throw new IOException("no such file");
        });
        assertThat(f).isCompletedExceptionally();
        Throwable thrown = null;
        try {
            f.get();
        } catch (ExecutionException e) {
            thrown = e;
        }
        assertThat(Tasks.cause(thrown)).isInstanceOf(IOException.class);
        assertThat(Tasks.message(new CompletionException(new ExecutionException(new IllegalStateException()))))
                .isEqualTo("java.lang.IllegalStateException");
        assertThat(Tasks.supply(Runnable::run, () -> "done").get()).isEqualTo("done");
    }
}
