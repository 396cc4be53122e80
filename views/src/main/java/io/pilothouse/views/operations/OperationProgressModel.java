package io.pilothouse.views.operations;

import io.pilothouse.services.operations.OperationFailedException;
import io.pilothouse.services.policy.MutationRefusedException;
import io.pilothouse.views.tasks.Tasks;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * One Patroni operation from confirmation to verified outcome, with no controls: where it is ({@link Step}), the
 * progress lines, and how it ended in words. Confirming runs the {@link OperationActions} set by the app; its lines and
 * outcome are applied on {@code fx}. {@link OperationProgressPane} binds to it.
 */
public final class OperationProgressModel {

    /** Where the operation is. */
    public enum Step {
        /** Asking the user to confirm; nothing sent yet. */
        CONFIRM,
        /** Confirmed; the app runs the operation and pushes progress lines. */
        RUNNING,
        /** The outcome is shown. */
        DONE
    }

    /** How the operation ended. */
    public enum Outcome {
        /** Done and its outcome verified. */
        SUCCEEDED,
        /** Refused before anything was sent (read-only, pre-check, invalid input). */
        REFUSED,
        /** Sent, and failed or its outcome was not seen in time. */
        FAILED
    }

    /** The outcome in words: a title, the message, and figure lines (with the advice last, when there is one). */
    public record Result(String title, String message, List<String> figures) {
    }

    private final String runningText;
    private final Executor fx;
    private final ReadOnlyObjectWrapper<Step> step = new ReadOnlyObjectWrapper<>(this, "step", Step.CONFIRM);
    private final ReadOnlyObjectWrapper<Outcome> outcome = new ReadOnlyObjectWrapper<>(this, "outcome");
    private final ReadOnlyObjectWrapper<Result> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ObservableList<String> lines = FXCollections.observableArrayList();
    /** One read-only view, kept (it listens to {@link #lines} weakly; see ReplicaRunModel). */
    private final ObservableList<String> linesView = FXCollections.unmodifiableObservableList(lines);
    private OperationActions actions;
    private Runnable onConfirm = () -> { };

    /**
     * @param runningText the status while it runs ("Restarting node2 …")
     * @param fx          where lines and the outcome are applied (the FX thread in the app)
     */
    public OperationProgressModel(String runningText, Executor fx) {
        this.runningText = Objects.requireNonNull(runningText, "runningText");
        this.fx = Objects.requireNonNull(fx, "fx");
    }

    /** What confirming runs (off the FX thread); none = the app drives the model itself. */
    public void setActions(OperationActions actions) {
        this.actions = actions;
    }

    /** Runs when the user confirms, before the actions start (the app reads options shown with the confirmation). */
    public void setOnConfirm(Runnable action) {
        onConfirm = action == null ? () -> { } : action;
    }

    /** The user confirmed: runs the operation once (a second Enter must not start it twice). */
    public void confirm() {
        if (step.get() != Step.CONFIRM) {
            return;
        }
        status.set(runningText);
        step.set(Step.RUNNING);
        onConfirm.run();
        if (actions != null) {
            new Tasks(fx).deliver(actions.run(line -> fx.execute(() -> appendProgress(line))),
                    v -> showSucceeded(v.verified(), v.figures()), this::showFailure);
        }
    }

    /** Appends a progress line (FX thread). Ignored once the outcome is shown. */
    public void appendProgress(String line) {
        if (step.get() != Step.DONE) {
            lines.add(line);
        }
    }

    /** Shows how the operation failed: refused, failed, interrupted, or unexpected. */
    public void showFailure(Throwable failure) {
        Throwable cause = Tasks.cause(failure);
        if (cause instanceof MutationRefusedException) {
            showRefused(cause.getMessage());
        } else if (cause instanceof OperationFailedException) {
            showFailed(cause.getMessage());
        } else if (cause instanceof InterruptedException) {
            showFailed("The operation was interrupted (the session is closing); whether it was done is "
                    + "unknown, look at the cluster when Pilothouse is open again.");
        } else {
            showFailed("Unexpected error: " + cause + "; whether it was done is unknown, look at the cluster "
                    + "before trying again.");
        }
    }

    /** Shows the verified outcome: {@code verified} in words, the figures one line each. */
    public void showSucceeded(String verified, List<String> figures) {
        finish(Outcome.SUCCEEDED, "Done \u2014 verified", verified, figures, null);
    }

    /** Shows a refusal: nothing was sent. {@code message} says why and what to do. */
    public void showRefused(String message) {
        finish(Outcome.REFUSED, "Refused \u2014 nothing was sent", message, List.of(),
                "Nothing changed on the cluster; fix what the message says and try again.");
    }

    /** Shows a failure: the command was sent and failed, or its outcome was not seen in time. */
    public void showFailed(String message) {
        finish(Outcome.FAILED, "Failed", message, List.of(),
                "The command may have been applied in part: look at the cluster (topology, audit log) before "
                        + "trying again.");
    }

    private void finish(Outcome how, String title, String message, List<String> figures, String advice) {
        status.set(switch (how) {
            case SUCCEEDED -> "Finished";
            case REFUSED -> "Refused";
            case FAILED -> "Stopped without the expected outcome";
        });
        List<String> shown = new ArrayList<>(figures);
        if (advice != null) {
            shown.add(advice);
        }
        result.set(new Result(title, message, List.copyOf(shown)));
        outcome.set(how);
        step.set(Step.DONE);
    }

    public ReadOnlyObjectProperty<Step> stepProperty() {
        return step.getReadOnlyProperty();
    }

    /** Null until {@link Step#DONE}. */
    public ReadOnlyObjectProperty<Outcome> outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    /** Null until {@link Step#DONE}. */
    public ReadOnlyObjectProperty<Result> resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** The status line over the progress. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The progress lines so far. */
    public ObservableList<String> lines() {
        return linesView;
    }
}
