package io.pilothouse.views.switchover;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.switchover.CandidateChecks;
import io.pilothouse.services.switchover.CheckId;
import io.pilothouse.services.switchover.CheckMatrix;
import io.pilothouse.services.switchover.CheckResult;
import io.pilothouse.services.switchover.OperationKind;
import io.pilothouse.services.switchover.SwitchoverReport;
import io.pilothouse.services.switchover.SwitchoverRequest;
import io.pilothouse.services.switchover.Verdict;
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
    private final ReadOnlyObjectWrapper<SwitchoverReport> report = new ReadOnlyObjectWrapper<>(this, "report");
    private final BooleanBinding canProceed;

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

    /** Goes to the confirmation page if the chosen candidate may be chosen. */
    public boolean next() {
        if (!canProceed.get() || step.get() != WizardStep.PICK) {
            return false;
        }
        step.set(WizardStep.CONFIRM);
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
        actions.run(request, s -> fx.execute(() -> progress.add(s.describe())))
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

    /** What the confirmation says will happen. */
    public String impact() {
        SwitchoverRequest r = request();
        StringBuilder s = new StringBuilder();
        String leader = cluster.leader();
        if (r.kind() == OperationKind.SWITCHOVER) {
            s.append(leader).append(" hands the leader role to ").append(r.candidate()).append(". Connections to ")
                    .append(leader).append(" are closed and writes stop until ").append(r.candidate())
                    .append(" is promoted (measured while it runs); ").append(leader)
                    .append(" then rejoins as a replica.");
        } else {
            s.append(r.candidate()).append(" is promoted").append(leader == null ? " although there is no leader"
                    : " in place of " + leader).append(". ");
            selectedRow().result(CheckId.SYNCHRONOUS).ifPresent(c -> s.append("Data at risk: ").append(c.reason())
                    .append(". "));
        }
        if (r.scheduledAt() != null) {
            s.append(" Patroni will do it at ").append(SCHEDULE_FORMAT.format(r.scheduledAt().atZone(zone)))
                    .append(" (").append(zone.getId()).append(").");
        }
        List<CheckResult> warnings = selectedRow() == null ? List.of() : selectedRow().warnings();
        if (!warnings.isEmpty()) {
            s.append("\nWarnings: ");
            warnings.forEach(w -> s.append("\n  • ").append(w.check().title()).append(": ").append(w.reason()));
        }
        return s.toString();
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

    public ReadOnlyObjectProperty<SwitchoverReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    /** True when the chosen candidate may be chosen and the time is valid. */
    public BooleanBinding canProceedBinding() {
        return canProceed;
    }

    /** The verdict of one cell, for the matrix view. */
    static Verdict verdict(CandidateChecks row, CheckId id) {
        return row.result(id).map(CheckResult::verdict).orElse(Verdict.PASS);
    }

    /** Saves the report through the app. */
    public void save(boolean json) {
        if (report.get() != null) {
            actions.save(report.get(), json);
        }
    }
}
