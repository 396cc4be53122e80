package io.pilothouse.views.switchover;

import io.pilothouse.services.switchover.CandidateChecks;
import io.pilothouse.services.switchover.CheckMatrix;
import io.pilothouse.services.switchover.CheckResult;
import io.pilothouse.services.switchover.OperationKind;
import io.pilothouse.services.switchover.Verdict;
import io.pilothouse.views.operations.ConfirmByNameDialogPane;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Subscription;


/**
 * The switchover / failover wizard: the pre-check matrix to pick from (with each reason), now or at a time, the
 * confirmation by typing the cluster's name on a button that names the action, live progress, and the verification
 * report, which can be saved. Keyboard: arrows pick the candidate, Enter goes on, Escape goes back or closes.
 */
public final class LeaderChangeWizard {

    private final LeaderChangeWizardModel model;
    private final VBox root = new VBox(12);
    private final Label title = new Label();
    private final Label subtitle = new Label();
    private final Label error = new Label();
    private final StackPane pages = new StackPane();
    private final CheckMatrixTable matrix = new CheckMatrixTable();
    private final ListView<CheckResult> reasons = new ListView<>();
    private final Button next = new Button("Next");
    private final Button recheck = new Button("Re-check");
    private final Button cancel = new Button("Cancel");
    private final VBox confirmPage = new VBox();
    private final ListView<String> progress = new ListView<>();
    private final Label runningText = new Label();
    private final Node pickPage;
    private final Node runningPage;
    private final LeaderChangeReportPage reportPage;
    private final Subscription subscriptions;
    private Runnable onClose = () -> { };

    public LeaderChangeWizard(LeaderChangeWizardModel model) {
        this.model = model;
        root.getStyleClass().add(SwitchoverStyles.WIZARD);
        // Lets tests (and tools) find the wizard behind a window.
        root.getProperties().put(LeaderChangeWizard.class, this);
        root.setPadding(new Insets(16));
        title.getStyleClass().add(SwitchoverStyles.TITLE);
        title.setId("wizard-title");
        subtitle.getStyleClass().add("ph-muted");
        error.getStyleClass().add(SwitchoverStyles.ERROR);
        error.setId("wizard-error");
        error.setWrapText(true);
        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotNull());
        error.managedProperty().bind(error.visibleProperty());

        pickPage = pickPage();
        runningPage = runningPage();
        reportPage = new LeaderChangeReportPage(model, () -> onClose.run());
        confirmPage.setAlignment(Pos.TOP_CENTER);
        confirmPage.setSpacing(14);
        confirmPage.setPadding(new Insets(40, 0, 0, 0));
        pages.getChildren().addAll(pickPage, confirmPage, runningPage, reportPage.root());
        VBox.setVgrow(pages, Priority.ALWAYS);
        root.getChildren().addAll(new VBox(2, title, subtitle), kindChoice(), error, pages);
        root.setPrefSize(1080, 640);

        root.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && model.stepProperty().get() != WizardStep.CONFIRM) {
                e.consume();
                onClose.run();
            }
        });
        subscriptions = model.stepProperty().subscribe(this::showStep)
                .and(model.kindProperty().subscribe(k -> showTitle()))
                .and(model.matrixProperty().subscribe(this::showMatrix))
                .and(model.candidateProperty().subscribe(c -> selectCandidate()))
                .and(model.reportProperty().subscribe(reportPage::show));
        Bindings.bindContent(progress.getItems(), model.progress());
        model.recheck();
    }

    /** The node to put in a scene. */
    public Parent root() {
        return root;
    }

    /** What Close (and Escape outside the confirmation) does: the app closes the window. */
    public void setOnClose(Runnable action) {
        onClose = action == null ? () -> { } : action;
    }

    /** The model (tests). */
    public LeaderChangeWizardModel model() {
        return model;
    }

    /** Removes listeners; call when the window closes. */
    public void dispose() {
        subscriptions.unsubscribe();
        Bindings.unbindContent(progress.getItems(), model.progress());
    }

    private Node kindChoice() {
        ToggleGroup group = new ToggleGroup();
        RadioButton switchover = new RadioButton("Switchover (leader healthy: planned, no data loss)");
        RadioButton failover = new RadioButton("Failover (no healthy leader: promote a replica)");
        switchover.setId("kind-switchover");
        failover.setId("kind-failover");
        switchover.setToggleGroup(group);
        failover.setToggleGroup(group);
        group.selectToggle(model.kindProperty().get() == OperationKind.FAILOVER ? failover : switchover);
        group.selectedToggleProperty().subscribe(t -> {
            if (t != null) {
                model.kindProperty().set(t == failover ? OperationKind.FAILOVER : OperationKind.SWITCHOVER);
            }
        });
        HBox box = new HBox(18, switchover, failover);
        box.disableProperty().bind(model.stepProperty().isNotEqualTo(WizardStep.PICK));
        return box;
    }

    private Node pickPage() {
        TableViewSelection.follow(matrix.table(), model);
        reasons.setId("check-reasons");
        reasons.getStyleClass().add(SwitchoverStyles.REASONS);
        // The reasons get the rest of the page: failures and warnings first, every line readable.
        reasons.setMinHeight(150);
        VBox.setVgrow(reasons, Priority.ALWAYS);
        reasons.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(CheckResult r, boolean empty) {
                super.updateItem(r, empty);
                for (Verdict v : Verdict.values()) {
                    pseudoClassStateChanged(SwitchoverStyles.of(v), !empty && r != null && r.verdict() == v);
                }
                setText(empty || r == null ? null : SwitchoverStyles.mark(r.verdict()) + "   " + r.check().title()
                        + " (" + r.check().id() + "): " + r.reason());
                setTooltip(empty || r == null ? null : new javafx.scene.control.Tooltip(r.reason()));
            }
        });

        ToggleGroup when = new ToggleGroup();
        RadioButton now = new RadioButton("Now");
        RadioButton at = new RadioButton("At");
        now.setId("when-now");
        at.setId("when-at");
        now.setToggleGroup(when);
        at.setToggleGroup(when);
        when.selectToggle(model.scheduledProperty().get() ? at : now);
        when.selectedToggleProperty().subscribe(t -> model.scheduledProperty().set(t == at));
        model.scheduledProperty().subscribe(s -> when.selectToggle(s ? at : now));
        TextField time = new TextField();
        time.setId("when-time");
        time.setPromptText("yyyy-MM-dd HH:mm (local)");
        time.textProperty().bindBidirectional(model.scheduleTextProperty());
        time.disableProperty().bind(model.scheduledProperty().not());
        Label timeError = new Label();
        timeError.getStyleClass().add(SwitchoverStyles.ERROR);
        timeError.textProperty().bind(model.scheduleErrorProperty());
        HBox schedule = new HBox(10, new Label("When:"), now, at, time, timeError);
        schedule.setAlignment(Pos.CENTER_LEFT);
        schedule.disableProperty().bind(model.kindProperty().isEqualTo(OperationKind.FAILOVER));

        recheck.setId("wizard-recheck");
        recheck.setOnAction(e -> model.recheck());
        recheck.disableProperty().bind(model.checkingProperty());
        ProgressIndicator reading = new ProgressIndicator();
        reading.setPrefSize(18, 18);
        reading.visibleProperty().bind(model.checkingProperty());
        cancel.setId("wizard-cancel");
        cancel.setCancelButton(false);
        cancel.setOnAction(e -> onClose.run());
        next.setId("wizard-next");
        // Not the default button: Enter must never lead into a switchover or failover (issue 20); Next only opens
        // the typed confirmation, but pressing it is a choice made with the mouse or Space, not a stray Enter.
        next.setDefaultButton(false);
        next.disableProperty().bind(model.canProceedBinding().not());
        next.setOnAction(e -> model.next());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox buttons = new HBox(10, recheck, reading, spacer, cancel, next);
        buttons.setAlignment(Pos.CENTER_LEFT);
        Label hint = new Label("Pick the member to promote. Every cell is a pre-check, failed and warning checks "
                + "first; the list below gives the reasons for the selected candidate, problems first. The figures "
                + "are read again when you press Next.");
        hint.setWrapText(true);
        hint.setMinHeight(Region.USE_PREF_SIZE);
        hint.getStyleClass().add("ph-muted");
        return new VBox(10, hint, matrix.root(), reasons, schedule, buttons);
    }

    private Node runningPage() {
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(24, 24);
        runningText.setWrapText(true);
        progress.setId("wizard-progress");
        progress.getStyleClass().add(SwitchoverStyles.PROGRESS);
        VBox.setVgrow(progress, Priority.ALWAYS);
        HBox head = new HBox(12, spinner, runningText);
        head.setAlignment(Pos.CENTER_LEFT);
        return new VBox(10, head, progress);
    }

    private void showTitle() {
        boolean failover = model.kindProperty().get() == OperationKind.FAILOVER;
        String scope = model.cluster().scope();
        title.setText((failover ? "Fail over " : "Switch over ") + scope);
        subtitle.setText("leader " + (model.cluster().leader() == null ? "none" : model.cluster().leader())
                + ", timeline " + (model.cluster().timeline() == null ? "?" : model.cluster().timeline())
                + (model.cluster().paused() ? ", maintenance mode" : ""));
        runningText.setText((failover ? "Failing over " : "Switching over ") + scope + " to "
                + model.candidateProperty().get() + "… Watching the live model. Closing this window does not stop "
                + "the operation; it is in the audit log either way.");
    }

    private void showStep(WizardStep step) {
        pickPage.setVisible(step == WizardStep.PICK);
        confirmPage.setVisible(step == WizardStep.CONFIRM);
        runningPage.setVisible(step == WizardStep.RUNNING);
        reportPage.root().setVisible(step == WizardStep.REPORT);
        if (step == WizardStep.CONFIRM) {
            ConfirmByNameDialogPane confirm = new ConfirmByNameDialogPane(model.request().actionLabel(),
                    model.cluster().scope(), model.impact());
            confirm.setOnConfirm(model::confirm);
            confirm.setOnCancel(model::back);
            confirm.setMaxWidth(560);
            confirmPage.getChildren().setAll(confirm);
            model.holdClients().node(model.request()).ifPresent(box -> confirmPage.getChildren().add(0, box));
            confirm.nameField().requestFocus();
        } else {
            confirmPage.getChildren().clear();
        }
        if (step == WizardStep.RUNNING) {
            showTitle();
        }
        if (step == WizardStep.PICK) {
            matrix.table().requestFocus();
        }
    }

    private void showMatrix(CheckMatrix m) {
        matrix.show(m);
        selectCandidate();
    }

    private void selectCandidate() {
        String name = model.candidateProperty().get();
        CandidateChecks row = model.selectedRow();
        matrix.select(row);
        reasons.getItems().setAll(ProblemsFirst.reasons(row));
        if (name != null) {
            next.setText(model.kindProperty().get() == OperationKind.FAILOVER ? "Fail over to " + name + "…"
                    : "Switch over to " + name + "…");
        }
    }
}
