package io.pilothouse.services.replicas;

import io.pilothouse.services.hosts.CommandResult;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs planned steps in order on a {@link TargetHost}. When a step fails, the undo steps of every step that ran
 * (the failed one included) run in reverse order, so nothing is left half-made; the report lists both.
 */
final class PlanRunner {

    private static final long POLL_MILLIS = 1000;

    private final TargetHost host;
    private final Consumer<String> progress;
    private final List<String> ran = new ArrayList<>();
    private final List<String> undone = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    PlanRunner(TargetHost host, Consumer<String> progress) {
        this.host = host;
        this.progress = progress;
    }

    /**
     * Runs {@code steps}; returns null when all succeeded, otherwise the failure in words (after undoing).
     */
    String run(List<PlannedStep> steps) {
        try {
            return runSteps(steps);
        } finally {
            steps.stream().map(PlannedStep::watch).filter(java.util.Objects::nonNull).distinct()
                    .forEach(PlannedStep.ProgressWatch::close);
        }
    }

    private String runSteps(List<PlannedStep> steps) {
        Deque<PlannedStep> toUndo = new ArrayDeque<>();
        for (PlannedStep step : steps) {
            progress.accept("-> " + step.purpose());
            // A step's own undo steps run in the order given, after those of every later step.
            for (int i = step.undo().size() - 1; i >= 0; i--) {
                toUndo.push(step.undo().get(i));
            }
            long started = System.nanoTime();
            try {
                String note = execute(step);
                ran.add(String.format(java.util.Locale.ROOT, "ok (%.1f s): ", since(started).toMillis() / 1000.0)
                        + step.line());
                if (note != null && !note.isBlank()) {
                    notes.add(note);
                    progress.accept("   " + note);
                }
            } catch (Exception e) {
                String why = step.purpose() + " failed: " + message(e);
                ran.add("FAILED: " + step.line() + " (" + message(e) + ")");
                progress.accept("   " + why);
                undo(toUndo);
                return why;
            }
        }
        return null;
    }

    /** Runs undo steps; each failure is reported and the others still run. */
    void undo(Deque<PlannedStep> toUndo) {
        while (!toUndo.isEmpty()) {
            PlannedStep step = toUndo.pop();
            progress.accept("<- undo: " + step.purpose());
            try {
                execute(step);
                undone.add("undone: " + step.line());
            } catch (Exception e) {
                undone.add("COULD NOT UNDO: " + step.line() + " (" + message(e) + "); do it by hand");
            }
        }
    }

    List<String> ran() {
        return List.copyOf(ran);
    }

    List<String> undone() {
        return List.copyOf(undone);
    }

    List<String> notes() {
        return List.copyOf(notes);
    }

    private String execute(PlannedStep step) throws Exception {
        HostAction action = step.action();
        if (action instanceof HostAction.WriteFile w) {
            host.write(w.path(), w.content().get(), w.mode());
            return null;
        }
        if (action instanceof HostAction.Local l) {
            return step.watch() == null ? l.check().run(progress) : watched(() -> l.check().run(progress), step.watch(), progress);
        }
        HostAction.Command c = (HostAction.Command) action;
        CommandResult result = step.watch() == null ? host.run(c.argv(), c.timeout())
                : watched(() -> host.run(c.argv(), c.timeout()), step.watch(), progress);
        if (!result.ok()) {
            throw new StepFailedException("exit " + result.exitCode() + ": " + result.lastLine());
        }
        return null;
    }

    /** Runs {@code body} on a pool thread while polling {@code watch} on this one. */
    private static <T> T watched(java.util.concurrent.Callable<T> body, PlannedStep.ProgressWatch watch,
                                 Consumer<String> progress) throws Exception {
        CompletableFuture<T> running = CompletableFuture.supplyAsync(() -> {
            try {
                return body.call();
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        while (true) {
            try {
                return running.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                watch.poll(progress);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception ex ? ex : e;
            }
        }
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** A step ran and did not succeed. */
    static final class StepFailedException extends Exception {
        StepFailedException(String message) {
            super(message);
        }
    }

    static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
