package io.pilothouse.views.replicas;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.replicas.ReplicaPreview;
import io.pilothouse.services.replicas.ReplicaReport;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Subscription;

import java.util.List;

import static io.pilothouse.views.replicas.WizardParts.button;
import static io.pilothouse.views.replicas.WizardParts.buttons;
import static io.pilothouse.views.replicas.WizardParts.muted;
import static io.pilothouse.views.replicas.WizardParts.spinner;
import static io.pilothouse.views.replicas.WizardParts.text;

/**
 * The "Add a replica…" wizard: the target form, then the pre-checks and every command (with the new member's
 * patroni.yml for Patroni clusters) under a confirm button naming the replica and the cluster, then the run's
 * progress, then the report with what was undone after a failure. Keyboard: Enter reviews the form (never confirms),
 * Escape goes back from the preview and closes from the form or the report; labels and buttons have mnemonics.
 */
public final class ReplicaWizard {

    private final ReplicaWizardModel model;
    private final ReplicaTargetForm form;
    private final VBox root = new VBox(12);
    private final Label title = new Label();
    private final Label formError = new Label();
    private final Label error = new Label();
    private final StackPane pages = new StackPane();
    private final Button review = new Button("_Review…");
    private final Button confirm = new Button();
    private final Label whyNot = new Label();
    private final ListView<String> checks = new ListView<>();
    private final TextArea previewText = text("replica-preview-text");
    private final ListView<String> progress = new ListView<>();
    private final TextArea reportText = text("replica-report-text");
    private final Button close = new Button("_Close");
    private final Node targetPage;
    private final Node previewPage;
    private final Node runningPage;
    private final Node reportPage;
    private final Subscription subscriptions;
    private Runnable onClose = () -> { };

    public ReplicaWizard(ReplicaWizardModel model, ClusterSnapshot cluster) {
        this.model = model;
        this.form = new ReplicaTargetForm(cluster);
        root.getStyleClass().add("ph-replica-wizard");
        root.getProperties().put(ReplicaWizard.class, this);
        root.setPadding(new Insets(16));
        title.setId("replica-title");
        title.getStyleClass().add("ph-switchover-title");
        formError.setId("replica-form-error");
        error.setId("replica-error");
        for (Label l : List.of(formError, error, whyNot)) {
            l.getStyleClass().add("ph-switchover-error");
            l.setWrapText(true);
            l.setMinHeight(Region.USE_PREF_SIZE);
            l.managedProperty().bind(l.visibleProperty());
        }
        formError.visibleProperty().bind(formError.textProperty().isNotEmpty());
        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotNull());
        whyNot.setId("replica-why-not");
        whyNot.visibleProperty().bind(whyNot.textProperty().isNotEmpty());
        targetPage = targetPage();
        previewPage = previewPage();
        runningPage = runningPage();
        reportPage = reportPage();
        pages.getChildren().addAll(targetPage, previewPage, runningPage, reportPage);
        VBox.setVgrow(pages, Priority.ALWAYS);
        root.getChildren().addAll(title, error, pages);
        root.setPrefSize(900, 620);
        // A filter: the lists and text areas on the pages would take Escape for themselves.
        root.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() != KeyCode.ESCAPE) {
                return;
            }
            e.consume();
            switch (model.pageProperty().get()) {
                case PREVIEW -> model.back();
                case TARGET, REPORT -> onClose.run();
                default -> { }
            }
        });
        subscriptions = model.pageProperty().subscribe(p -> show())
                .and(model.previewProperty().subscribe(this::showPreview))
                .and(model.reportProperty().subscribe(r -> showReport()))
                .and(model.errorProperty().subscribe(e -> showReport()));
        Bindings.bindContent(progress.getItems(), model.progress());
    }

    /** The node to put in a scene. */
    public Parent root() {
        return root;
    }

    /** What Cancel, Close and Escape do: the app closes the window. */
    public void setOnClose(Runnable action) {
        onClose = action == null ? () -> { } : action;
    }

    /** The model (tests). */
    public ReplicaWizardModel model() {
        return model;
    }

    /** Removes listeners; call when the window closes. */
    public void dispose() {
        subscriptions.unsubscribe();
        Bindings.unbindContent(progress.getItems(), model.progress());
    }

    private Node targetPage() {
        review.setId("replica-review");
        review.defaultButtonProperty().bind(model.pageProperty().isEqualTo(ReplicaPage.TARGET));
        review.disableProperty().bind(model.busyProperty());
        review.setOnAction(e -> {
            formError.setText("");
            try {
                model.review(form.request());
            } catch (IllegalArgumentException bad) {
                formError.setText(bad.getMessage());
            }
        });
        ProgressIndicator checking = spinner();
        checking.visibleProperty().bind(model.busyProperty());
        Label hint = muted("Where the new replica goes. Empty fields take the defaults shown in grey. Nothing "
                + "changes until you confirm on the next page, which shows every check and every command.");
        return new VBox(12, hint, form.root(), formError, buttons(button("_Cancel", "replica-cancel", onCloseAction()),
                checking, review));
    }

    private Node previewPage() {
        checks.setId("replica-checks");
        checks.setPrefHeight(170);
        VBox.setVgrow(previewText, Priority.ALWAYS);
        confirm.setId("replica-confirm");
        confirm.getStyleClass().add("accent");
        // Member names hold underscores; a mnemonic would eat them.
        confirm.setMnemonicParsing(false);
        confirm.setOnAction(e -> model.add());
        Button back = button("_Back", "replica-back", model::back);
        return new VBox(8, muted("Pre-checks (each with its reason):"), checks,
                muted("Every command as it will run, and what undoes each if that step or a later one fails:"), previewText,
                whyNot, buttons(back, confirm));
    }

    private Node runningPage() {
        progress.setId("replica-progress");
        VBox.setVgrow(progress, Priority.ALWAYS);
        HBox head = new HBox(12, spinner(), muted("Running: base backup bytes and ETA, then the member's state, as "
                + "they come. Closing this window does not stop it; it is in the audit log either way."));
        head.setAlignment(Pos.CENTER_LEFT);
        return new VBox(10, head, progress);
    }

    private Node reportPage() {
        VBox.setVgrow(reportText, Priority.ALWAYS);
        close.setId("replica-close");
        close.defaultButtonProperty().bind(model.pageProperty().isEqualTo(ReplicaPage.REPORT));
        close.setOnAction(e -> onClose.run());
        return new VBox(10, reportText, buttons(close));
    }

    private void show() {
        ReplicaPage page = model.pageProperty().get();
        targetPage.setVisible(page == ReplicaPage.TARGET);
        previewPage.setVisible(page == ReplicaPage.PREVIEW);
        runningPage.setVisible(page == ReplicaPage.RUNNING);
        reportPage.setVisible(page == ReplicaPage.REPORT);
        ReplicaPreview p = model.previewProperty().get();
        String name = p == null ? "a replica" : p.request().name();
        title.setText(switch (page) {
            case TARGET -> "Add a replica to " + model.cluster();
            case PREVIEW -> "Review: add " + name + " to " + model.cluster();
            case RUNNING -> "Adding " + name + " to " + model.cluster() + "…";
            case REPORT -> model.reportProperty().get() != null && model.reportProperty().get().ok()
                    ? "Added " + name + " to " + model.cluster() : "Adding " + name + " failed";
        });
        confirm.setText(model.confirmLabel());
        confirm.setDisable(!model.canAdd());
        whyNot.setText(model.whyNot() == null ? "" : model.whyNot());
        if (page == ReplicaPage.TARGET) {
            form.host.requestFocus();
        }
    }

    private void showPreview(ReplicaPreview p) {
        checks.getItems().setAll(p == null ? List.of() : p.checks().stream().map(c -> c.line()).toList());
        previewText.setText(p == null ? "" : String.join("\n", p.lines()));
        show();
    }

    private void showReport() {
        ReplicaReport r = model.reportProperty().get();
        String failure = model.errorProperty().get();
        reportText.setText((r == null ? "" : String.join("\n", r.lines()))
                + (r == null && failure != null ? failure + "\nNo report: the run did not start." : ""));
    }

    private Runnable onCloseAction() {
        return () -> onClose.run();
    }
}
