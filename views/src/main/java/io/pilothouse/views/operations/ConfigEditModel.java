package io.pilothouse.views.operations;

import io.pilothouse.views.tasks.Tasks;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

/**
 * Editing Patroni's dynamic configuration, with no controls: the current configuration as read, the changes as
 * {@code KEY=VALUE} lines, the preview of the text as it stands (stale once the text changes), and what is wrong
 * with it. Reading and previewing go through the app's {@link ConfigEditActions}; answers are applied on {@code fx},
 * an answer overtaken by a newer preview or by an edit is dropped. {@link ConfigEditPane} binds to it.
 */
public final class ConfigEditModel {

    /** Which page is shown. */
    public enum Page {
        /** The current configuration, the changes and their preview. */
        EDIT,
        /** Confirmation, progress and result of applying the previewed changes. */
        OPERATION
    }

    /**
     * What the changes would do.
     *
     * @param rows     the settings that change (before/after)
     * @param problems what is wrong with the result, in words; apply is disabled unless empty
     */
    public record Preview(List<DiffRow> rows, List<String> problems) {

        public Preview {
            rows = List.copyOf(rows);
            problems = List.copyOf(problems);
        }

        /** True when at least one setting changes. */
        public boolean hasChanges() {
            return rows.stream().anyMatch(DiffRow::changed);
        }
    }

    private final String clusterName;
    private final ConfigEditActions actions;
    private final Tasks tasks;
    private final ReadOnlyObjectWrapper<Page> page = new ReadOnlyObjectWrapper<>(this, "page", Page.EDIT);
    private final ReadOnlyStringWrapper current = new ReadOnlyStringWrapper(this, "current",
            "Reading the configuration \u2026");
    private final ReadOnlyBooleanWrapper currentFailed = new ReadOnlyBooleanWrapper(this, "currentFailed");
    private final StringProperty changes = new SimpleStringProperty(this, "changes", "");
    private final ReadOnlyObjectWrapper<Preview> preview = new ReadOnlyObjectWrapper<>(this, "preview");
    private final ReadOnlyBooleanWrapper previewing = new ReadOnlyBooleanWrapper(this, "previewing");
    private final ReadOnlyObjectWrapper<List<String>> problems = new ReadOnlyObjectWrapper<>(this, "problems",
            List.of());
    private final ReadOnlyBooleanWrapper problemsAreNotice = new ReadOnlyBooleanWrapper(this, "problemsAreNotice");
    private final BooleanBinding canApply;
    private List<String> previewedLines = List.of();

    /**
     * @param clusterName the cluster whose configuration is edited (typed to confirm)
     * @param fx          where answers are applied (the FX thread in the app)
     */
    public ConfigEditModel(String clusterName, ConfigEditActions actions, Executor fx) {
        this.clusterName = Objects.requireNonNull(clusterName, "clusterName");
        this.actions = Objects.requireNonNull(actions, "actions");
        this.tasks = new Tasks(fx);
        canApply = Bindings.createBooleanBinding(() -> preview.get() != null && preview.get().hasChanges()
                && preview.get().problems().isEmpty(), preview);
        // A preview is of the text as it was: any edit makes it stale, and apply waits for a new one.
        changes.subscribe(t -> {
            if (preview.get() != null && !lines(t).equals(previewedLines)) {
                preview.set(null);
                showProblems(List.of());
            }
        });
    }

    /** The non-blank lines that are not comments ({@code #}), stripped: what is previewed and applied. */
    static List<String> lines(String text) {
        return text == null ? List.of() : Arrays.stream(text.split("\\R")).map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).collect(Collectors.toUnmodifiableList());
    }

    /** Reads the current configuration (off the FX thread) and shows it, or says it could not be read. */
    public void load() {
        tasks.deliver(actions.read(), this::setCurrentConfiguration, failure -> showConfigurationError(
                Tasks.message(failure) + " \u2014 close and open this window again to retry."));
    }

    /** Shows the configuration as read. */
    public void setCurrentConfiguration(String text) {
        current.set(text);
        currentFailed.set(false);
    }

    /** Says the configuration could not be read, and what to do. */
    public void showConfigurationError(String message) {
        current.set("Could not read the configuration: " + message);
        currentFailed.set(true);
    }

    /** Asks for a preview of the changes as they stand. */
    public void preview() {
        if (page.get() != Page.EDIT) {
            return;
        }
        List<String> asked = lines(changes.get());
        if (asked.isEmpty()) {
            preview.set(null);
            showProblems(List.of("Write at least one change, e.g. loop_wait=5."));
            return;
        }
        previewing.set(true);
        tasks.latest(actions.preview(asked), p -> {
            previewing.set(false);
            if (!asked.equals(lines(changes.get()))) {
                return; // edited while the preview was read: the user previews again
            }
            previewedLines = asked;
            showProblems(p.problems().isEmpty() && !p.hasChanges()
                    ? List.of("Nothing changes: every key already has this value.") : p.problems());
            problemsAreNotice.set(p.problems().isEmpty());
            preview.set(p);
        }, failure -> {
            previewing.set(false);
            preview.set(null);
            showProblems(List.of(Tasks.message(failure)));
        });
    }

    private void showProblems(List<String> list) {
        problemsAreNotice.set(false);
        problems.set(List.copyOf(list));
    }

    /** The settings the previewed changes touch, before → after, in words (the confirmation's impact). */
    public String impact() {
        List<DiffRow> changed = preview.get().rows().stream().filter(DiffRow::changed).toList();
        String what = changed.stream().map(r -> r.key() + ": " + shown(r.before()) + " \u2192 " + shown(r.after()))
                .collect(Collectors.joining("; "));
        return changed.size() + (changed.size() == 1 ? " setting" : " settings") + " of " + clusterName
                + " change on every member (" + what + "). Patroni applies them on its next loop; a PostgreSQL "
                + "parameter that needs a restart leaves a restart pending on each member until you restart it.";
    }

    private static String shown(String v) {
        return v == null ? ConfigDiffView.UNSET : v;
    }

    /** Applying exactly the previewed lines, as an operation the confirmation runs; null when nothing may apply. */
    public OperationActions applyPreviewed() {
        if (!canApply.get()) {
            return null;
        }
        List<String> toApply = previewedLines;
        return progress -> actions.apply(toApply, progress);
    }

    /** Shows the operation page (true) or the edit again (false). */
    public void showOperation(boolean operation) {
        page.set(operation ? Page.OPERATION : Page.EDIT);
    }

    public String clusterName() {
        return clusterName;
    }

    public ReadOnlyObjectProperty<Page> pageProperty() {
        return page.getReadOnlyProperty();
    }

    /** The configuration as read, or why it could not be. */
    public ReadOnlyStringProperty currentProperty() {
        return current.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty currentFailedProperty() {
        return currentFailed.getReadOnlyProperty();
    }

    /** The changes as typed. */
    public StringProperty changesProperty() {
        return changes;
    }

    /** The preview of the text as it stands; null when there is none (or it went stale). */
    public ReadOnlyObjectProperty<Preview> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    /** True while a preview is asked. */
    public ReadOnlyBooleanProperty previewingProperty() {
        return previewing.getReadOnlyProperty();
    }

    /** What is wrong (or "nothing changes"), one sentence each; empty when nothing is to say. */
    public ReadOnlyObjectProperty<List<String>> problemsProperty() {
        return problems.getReadOnlyProperty();
    }

    /** True when the problems line is a notice ("nothing changes"), not an error. */
    public ReadOnlyBooleanProperty problemsAreNoticeProperty() {
        return problemsAreNotice.getReadOnlyProperty();
    }

    /** True when there is a preview with changes and no problems. */
    public BooleanBinding canApplyBinding() {
        return canApply;
    }
}
