package io.pilothouse.views.switchover;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.switchover.CandidateChecks;
import io.pilothouse.services.switchover.CheckMatrix;
import io.pilothouse.services.switchover.OperationKind;
import io.pilothouse.services.switchover.SwitchoverReport;
import io.pilothouse.services.switchover.SwitchoverRequest;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

/**
 * The wizard's state, with no controls: which page, the matrix, the chosen candidate and time, progress lines and
 * the report. Results of the app's work arrive on any thread and are applied through {@code fx} (the FX thread in
 * the app, a direct executor in tests).
 */
public final class LeaderChangeWizardModel {

    /** How a scheduled time is typed, in the local time zone. */
    public static final DateTimeFormatter SCHEDULE_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final ClusterSnapshot cluster;
    private final LeaderChangeActions actions;
    private final Executor fx;
    private final ZoneId zone;

    private final ObjectProperty<OperationKind> kind = new SimpleObjectProperty<>(this, "kind");
    private final ReadOnlyObjectWrapper<WizardStep> step = new ReadOnlyObjectWrapper<>(this, "step", WizardStep.PICK);
    private final ReadOnlyObjectWrapper<CheckMatrix> matrix = new ReadOnlyObjectWrapper<>(this, "matrix");
    private final ObjectProperty<String> candidate = new SimpleObjectProperty<>(this, "candidate");
    private final BooleanProperty scheduled = new SimpleBooleanProperty(this, "scheduled");
    private final StringProperty scheduleText = new SimpleStringProperty(this, "scheduleText", "");
    private final ReadOnlyStringWrapper scheduleError = new ReadOnlyStringWrapper(this, "scheduleError");
    private final ReadOnlyBooleanWrapper checking = new ReadOnlyBooleanWrapper(this, "checking");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");
    private final ObservableList<String> progress = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<List<String>> changed = new ReadOnlyObjectWrapper<>(this, "changed", List.of());
    private final ReadOnlyObjectWrapper<SwitchoverReport> report = new ReadOnlyObjectWrapper<>(this, "report");
    private final BooleanBinding canProceed;
    private final HoldClientsChoice holdClients;

    /**
     * @param candidate the member to preselect, or null
     */
    public LeaderChangeWizardModel(ClusterSnapshot cluster, OperationKind kind, String candidate,
                                   LeaderChangeActions actions, Executor fx, ZoneId zone) {
        this.cluster = cluster;
        this.actions = actions;
        this.fx = fx;
        this.zone = zone;
        this.kind.set(kind);
        this.candidate.set(candidate);
        this.holdClients = new HoldClientsChoice(actions.holdOffer(cluster));
        scheduleText.addListener((o, a, b) -> validateSchedule());
        scheduled.addListener((o, a, b) -> validateSchedule());
        this.kind.addListener((o, a, b) -> {
            if (b == OperationKind.FAILOVER) {
                scheduled.set(false);
            }
            recheck();
        });
        canProceed = Bindings.createBooleanBinding(() -> {
            CandidateChecks row = selectedRow();
            return !checking.get() && row != null && row.eligible() && scheduleError.get() == null;
        }, matrix, this.candidate, checking, scheduleError);
    }

    /** Reads the matrix (again). */
    public void recheck() {
        checking.set(true);
        error.set(null);
        Instant at;
        try {
            at = scheduledAt();
        } catch (IllegalArgumentException e) {
            at = null;
        }
        actions.check(cluster, kind.get(), at).whenComplete((m, failure) -> fx.execute(() -> {
            checking.set(false);
            if (failure != null) {
                error.set("Could not read the pre-checks: " + message(failure));
                return;
            }
            matrix.set(m);
            if (candidate.get() == null || m.row(candidate.get()).isEmpty()) {
                List<String> eligible = m.eligible();
                candidate.set(eligible.isEmpty() ? (m.rows().isEmpty() ? null : m.rows().get(0).candidate())
                        : eligible.get(0));
            }
        }));
    }

    /**
     * Reads the pre-checks again and then goes to the confirmation page, if the chosen candidate may still be chosen:
     * the figures on screen may be minutes old, and the confirmation must be about the cluster as it is now. What
     * reads differently is kept in {@link #changedProperty()}; a candidate that now fails stays on the matrix with
     * the reason. Returns false when the candidate may not be chosen now (nothing is read then).
     */
    public boolean next() {
        if (!canProceed.get() || step.get() != WizardStep.PICK) {
            return false;
        }
        CandidateChecks shown = selectedRow();
        String chosen = candidate.get();
        checking.set(true);
        error.set(null);
        actions.check(cluster, kind.get(), scheduledAt()).whenComplete((m, failure) -> fx.execute(() -> {
            checking.set(false);
            if (failure != null) {
                error.set("Could not read the pre-checks again before confirming: " + message(failure)
                        + "; press Next to try again.");
                return;
            }
            matrix.set(m);
            CandidateChecks fresh = m.row(chosen).orElse(null);
            changed.set(FigureChanges.between(shown, fresh).stream().map(FigureChanges.Change::describe).toList());
            if (fresh == null || !fresh.eligible()) {
                error.set("Read again just now, " + chosen + " can no longer be chosen: " + (fresh == null
                        ? "it is no longer a candidate" : fresh.failures().stream()
                        .map(f -> f.check().title() + ": " + f.reason()).collect(Collectors.joining("; "))));
                return;
            }
            step.set(WizardStep.CONFIRM);
        }));
        return true;
    }

    /** Back from the confirmation to the matrix. */
    public void back() {
        if (step.get() == WizardStep.CONFIRM) {
            step.set(WizardStep.PICK);
        }
    }

    /** The request the confirmation is about. */
    public SwitchoverRequest request() {
        return new SwitchoverRequest(kind.get(), cluster.source(), cluster.scope(), candidate.get(), scheduledAt());
    }

    /** Runs the confirmed operation. */
    public void confirm() {
        if (step.get() != WizardStep.CONFIRM) {
            return;
        }
        SwitchoverRequest request = request();
        step.set(WizardStep.RUNNING);
        progress.clear();
        actions.run(request, holdClients.applies(request), s -> fx.execute(() -> progress.add(s.describe())))
                .whenComplete((r, failure) -> fx.execute(() -> {
                    if (failure != null) {
                        error.set(message(failure));
                        step.set(WizardStep.PICK);
                        return;
                    }
                    report.set(r);
                    step.set(WizardStep.REPORT);
                }));
    }

    /** The "Hold clients at PgBouncer" option of the confirmation. */
    public HoldClientsChoice holdClients() {
        return holdClients;
    }

    /** What the confirmation says will happen, from the figures read just before it. */
    public String impact() {
        return LeaderChangeImpact.describe(this);
    }

    /** The row of the chosen candidate, or null. */
    public CandidateChecks selectedRow() {
        CheckMatrix m = matrix.get();
        return m == null || candidate.get() == null ? null : m.row(candidate.get()).orElse(null);
    }

    /** The scheduled time, or null for now. */
    public Instant scheduledAt() {
        if (!scheduled.get() || kind.get() == OperationKind.FAILOVER) {
            return null;
        }
        try {
            return LocalDateTime.parse(scheduleText.get().trim(), SCHEDULE_FORMAT).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("type the time as " + "yyyy-MM-dd HH:mm, e.g. "
                    + SCHEDULE_FORMAT.format(LocalDateTime.now(zone).plusHours(1)), e);
        }
    }

    private void validateSchedule() {
        try {
            Instant at = scheduledAt();
            scheduleError.set(at != null && at.isBefore(Instant.now()) ? "that time has passed" : null);
        } catch (IllegalArgumentException e) {
            scheduleError.set(e.getMessage());
        }
    }

    private static String message(Throwable t) {
        Throwable c = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        return c.getMessage() == null ? c.toString() : c.getMessage();
    }

    /** The time zone of scheduled times. */
    public ZoneId zone() {
        return zone;
    }

    public ClusterSnapshot cluster() {
        return cluster;
    }

    public ObjectProperty<OperationKind> kindProperty() {
        return kind;
    }

    public ReadOnlyObjectProperty<WizardStep> stepProperty() {
        return step.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<CheckMatrix> matrixProperty() {
        return matrix.getReadOnlyProperty();
    }

    public ObjectProperty<String> candidateProperty() {
        return candidate;
    }

    public BooleanProperty scheduledProperty() {
        return scheduled;
    }

    public StringProperty scheduleTextProperty() {
        return scheduleText;
    }

    public ReadOnlyStringProperty scheduleErrorProperty() {
        return scheduleError.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty checkingProperty() {
        return checking.getReadOnlyProperty();
    }

    /** The last problem in words (could not check, refused before starting), or null. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ObservableList<String> progress() {
        return progress;
    }

    /**
     * The checks of the chosen candidate that read differently when read again before the confirmation (one line
     * each: was, now); empty when nothing changed.
     */
    public ReadOnlyObjectProperty<List<String>> changedProperty() {
        return changed.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<SwitchoverReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    /** True when the chosen candidate may be chosen and the time is valid. */
    public BooleanBinding canProceedBinding() {
        return canProceed;
    }

    /** Saves the report through the app. */
    public void save(boolean json) {
        if (report.get() != null) {
            actions.save(report.get(), json);
        }
    }
}
