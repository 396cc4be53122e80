package io.pilothouse.views.audit;

import io.pilothouse.services.policy.AuditEntry;
import io.pilothouse.services.policy.AuditOutcome;
import io.pilothouse.services.policy.AuditRecord;
import io.pilothouse.services.policy.AuditVerification;
import io.pilothouse.services.policy.AuditException;
import io.pilothouse.views.Tone;
import io.pilothouse.views.tasks.Tasks;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * What the audit view shows: the records pushed by the app (newest first) narrowed by the filters, the selected
 * record, and the state of the hash chain. Does no I/O: {@link #refresh()} asks the app's {@link AuditActions} to read
 * the log and applies the answer on {@code fx} (an answer overtaken by a newer refresh is dropped). FX thread only.
 */
public final class AuditViewModel {

    /** How far back the table looks. */
    public enum Period {
        /** Records of the last 24 hours. */
        LAST_24_HOURS("Last 24 h", Duration.ofHours(24)),
        /** Records of the last 7 days. */
        LAST_7_DAYS("Last 7 days", Duration.ofDays(7)),
        /** Every record. */
        ALL("All time", null);

        private final String label;
        private final Duration span;

        Period(String label, Duration span) {
            this.label = label;
            this.span = span;
        }

        /** True when a record at {@code t} is inside this period ending {@code now}. */
        public boolean contains(Instant t, Instant now) {
            return span == null || !t.isBefore(now.minus(span));
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** Which outcomes the table shows. */
    public enum OutcomeChoice {
        /** Every outcome. */
        ANY("Any outcome", null),
        /** Changes that ran and returned normally. */
        OK("OK", AuditOutcome.OK),
        /** Changes that were refused (read-only workspace, failed pre-checks, no audit log). */
        REFUSED("Refused", AuditOutcome.REFUSED),
        /** Changes that ran and failed. */
        FAILED("Failed", AuditOutcome.FAILED);

        private final String label;
        private final AuditOutcome outcome;

        OutcomeChoice(String label, AuditOutcome outcome) {
            this.label = label;
            this.outcome = outcome;
        }

        boolean accepts(AuditOutcome o) {
            return outcome == null || outcome == o;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private static final Comparator<AuditEntry> NEWEST_FIRST = Comparator
            .comparing((AuditEntry e) -> e.record().time()).thenComparingLong(AuditEntry::seq).reversed();

    private final Clock clock;
    private final StringProperty filterText = new SimpleStringProperty(this, "filterText", "");
    private final ObjectProperty<OutcomeChoice> outcome = new SimpleObjectProperty<>(this, "outcome",
            OutcomeChoice.ANY);
    private final ObjectProperty<Period> period = new SimpleObjectProperty<>(this, "period", Period.ALL);
    private final ReadOnlyObjectWrapper<List<AuditEntry>> rows = new ReadOnlyObjectWrapper<>(this, "rows", List.of());
    private final ReadOnlyObjectWrapper<AuditEntry> selected = new ReadOnlyObjectWrapper<>(this, "selected");
    private final ReadOnlyStringWrapper banner = new ReadOnlyStringWrapper(this, "banner",
            AuditPresentation.banner(null));
    private final ReadOnlyObjectWrapper<Tone> bannerTone = new ReadOnlyObjectWrapper<>(this, "bannerTone",
            Tone.NEUTRAL);
    private final ReadOnlyIntegerWrapper firstBadLine = new ReadOnlyIntegerWrapper(this, "firstBadLine", 0);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private List<AuditEntry> all = List.of();
    private final AuditActions actions;
    private final Tasks tasks;

    /** A model whose entries are pushed with {@link #setEntries} (screenshots); Refresh reads nothing. */
    public AuditViewModel(Clock clock) {
        this(clock, AuditActions.NONE, Runnable::run);
    }

    /**
     * @param clock   "now" for the period filter; its zone is used for times of day
     * @param actions reads the log off the FX thread
     * @param fx      where answers are applied (the FX thread in the app)
     */
    public AuditViewModel(Clock clock, AuditActions actions, Executor fx) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.actions = Objects.requireNonNull(actions, "actions");
        this.tasks = new Tasks(fx);
        filterText.subscribe(t -> apply());
        outcome.subscribe(o -> apply());
        period.subscribe(p -> apply());
    }

    /** Shows {@code entries} (any order) and the chain's state; keeps the selection when the record is still shown. */
    public void setEntries(List<AuditEntry> entries, AuditVerification verification) {
        all = entries.stream().sorted(NEWEST_FIRST).toList();
        banner.set(AuditPresentation.banner(verification));
        bannerTone.set(AuditPresentation.bannerTone(verification));
        firstBadLine.set(verification == null ? 0 : verification.firstBadLine().orElse(0));
        apply();
    }

    /** True when the chain is broken at or before this record's line: its content cannot be trusted. */
    public boolean isUntrusted(AuditEntry entry) {
        return firstBadLine.get() > 0 && entry.line() >= firstBadLine.get();
    }

    /** Says the log could not be read at all (the table keeps what it had). */
    public void showError(String message) {
        banner.set("Cannot read the audit log: " + message);
        bannerTone.set(Tone.DANGER);
    }

    /** Selects a record (the details pane shows it), or clears the selection with null. */
    public void select(AuditEntry entry) {
        selected.set(entry);
    }

    /** Reads the log again (off the FX thread) and shows it, or says why it could not be read. */
    public void refresh() {
        tasks.latest(actions.read(), r -> setEntries(r.entries(), r.verification()),
                failure -> showError(failure instanceof AuditException ? failure.getMessage() : failure.toString()));
    }

    /** Drops the answer of a read still running (the window closed). */
    public void dispose() {
        tasks.dropPending();
    }

    private void apply() {
        String needle = filterText.get() == null ? "" : filterText.get().trim().toLowerCase(Locale.ROOT);
        Instant now = clock.instant();
        List<AuditEntry> shown = all.stream()
                .filter(e -> outcome.get() == null || outcome.get().accepts(e.record().outcome()))
                .filter(e -> period.get() == null || period.get().contains(e.record().time(), now))
                .filter(e -> needle.isEmpty() || matches(e.record(), needle))
                .toList();
        rows.set(shown);
        summary.set(shown.size() == all.size() ? all.size() + " record" + (all.size() == 1 ? "" : "s")
                : shown.size() + " of " + all.size() + " records");
        if (selected.get() != null && !shown.contains(selected.get())) {
            selected.set(null);
        }
    }

    private static boolean matches(AuditRecord r, String needle) {
        return contains(r.cluster(), needle) || contains(r.action(), needle) || contains(r.user(), needle)
                || contains(r.target(), needle);
    }

    private static boolean contains(String haystack, String needle) {
        return haystack != null && haystack.toLowerCase(Locale.ROOT).contains(needle);
    }

    /** Substring of cluster, action, user or target, case-insensitive; empty shows everything. */
    public StringProperty filterTextProperty() {
        return filterText;
    }

    public ObjectProperty<OutcomeChoice> outcomeProperty() {
        return outcome;
    }

    public ObjectProperty<Period> periodProperty() {
        return period;
    }

    /** The records that pass the filters, newest first. */
    public ReadOnlyObjectProperty<List<AuditEntry>> rowsProperty() {
        return rows.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<AuditEntry> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /** "Chain intact, N records" or where the chain broke. */
    public ReadOnlyStringProperty bannerProperty() {
        return banner.getReadOnlyProperty();
    }

    /** The 1-based line where the chain breaks, or 0 when intact or not verified. */
    public ReadOnlyIntegerProperty firstBadLineProperty() {
        return firstBadLine.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Tone> bannerToneProperty() {
        return bannerTone.getReadOnlyProperty();
    }

    /** "N records" or "shown of all records". */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ZoneId zone() {
        return clock.getZone();
    }
}
