package io.pilothouse.views.activity;

import io.pilothouse.services.activity.ActivitySession;
import io.pilothouse.services.activity.BackendSignal;
import io.pilothouse.services.activity.SessionState;
import io.pilothouse.views.DialogWindows;
import io.pilothouse.views.Tone;
import io.pilothouse.views.operations.ConfirmByNameDialogPane;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.Stage;

/**
 * Cancel and terminate of the selected backend, the role to connect as, and what the last signal did. Terminate asks
 * to type the pid first, and Enter in that field never confirms. Disabled in a read-only workspace, while the node
 * cannot be read, and while a signal is on its way. FX thread.
 */
final class ActivitySignalBar {

    private final ActivityViewModel vm;
    private final DialogWindows windows;
    private final ObjectProperty<ActivitySession> selected;
    private final Parent owner;
    private final Button cancel = new Button("Cancel query");
    private final Button terminate = new Button("Terminate backend…");
    private final Label result = new Label();
    private final HBox root;

    ActivitySignalBar(ActivityViewModel vm, DialogWindows windows, ObjectProperty<ActivitySession> selected,
                      Parent owner) {
        this.vm = vm;
        this.windows = windows;
        this.selected = selected;
        this.owner = owner;
        this.root = build();
        vm.resultProperty().subscribe(result::setText);
        vm.resultToneProperty().subscribe(t -> {
            for (Tone x : Tone.values()) {
                if (x.pseudoClass() != null) {
                    result.pseudoClassStateChanged(x.pseudoClass(), x == t);
                }
            }
        });
        if (vm.readOnly()) {
            result.setText("Read-only workspace: cancel and terminate are refused.");
        }
    }

    HBox root() {
        return root;
    }

    private HBox build() {
        Label asLabel = new Label("Connect _as:");
        asLabel.setMnemonicParsing(true);
        TextField as = new TextField();
        as.setId("activity-as");
        as.setPromptText("workspace role");
        as.setPrefColumnCount(10);
        asLabel.setLabelFor(as);
        as.textProperty().bindBidirectional(vm.asUserProperty());
        cancel.setId("activity-cancel");
        terminate.setId("activity-terminate");
        boolean readOnly = vm.readOnly();
        cancel.disableProperty().bind(selected.isNull().or(vm.signallingProperty()).or(vm.unreadableProperty())
                .or(Bindings.createBooleanBinding(() -> readOnly)));
        terminate.disableProperty().bind(cancel.disableProperty());
        cancel.setOnAction(e -> vm.signal(selected.get(), BackendSignal.CANCEL));
        terminate.setOnAction(e -> confirmTerminate(selected.get()));
        result.setId("activity-result");
        result.getStyleClass().add(ActivityStyles.RESULT);
        result.setWrapText(true);
        HBox.setHgrow(result, Priority.ALWAYS);
        result.setMaxWidth(Double.MAX_VALUE);
        HBox h = new HBox(10, asLabel, as, cancel, terminate, result);
        h.setAlignment(Pos.CENTER_LEFT);
        h.getStyleClass().add(ActivityStyles.ACTIONS);
        return h;
    }

    /** Terminate only after the pid was typed; Enter in the field never confirms. */
    private void confirmTerminate(ActivitySession s) {
        if (s == null) {
            return;
        }
        String pid = Integer.toString(s.pid());
        ConfirmByNameDialogPane confirm = new ConfirmByNameDialogPane("Terminate pid " + pid, pid,
                "Closes the session of pid " + pid + " (" + s.user() + "@" + s.database() + ", "
                        + s.application() + ", " + (s.state() == SessionState.OTHER ? s.backendType()
                        : s.state().wireName()) + ") on " + vm.nodeProperty().get().label() + ". Its open transaction"
                        + (s.transactionSeconds() == null ? "" : " (" + ActivityFormat.age(s.transactionSeconds())
                        + " old)") + " rolls back and its locks are released. Query: " + s.queryLine(160), "pid");
        confirm.nameField().setOnAction(e -> e.consume());
        Stage stage = windows.modal(owner.getScene() == null ? null : owner.getScene().getWindow(),
                "Terminate backend " + pid, confirm, 560, -1);
        confirm.setOnConfirm(() -> {
            stage.close();
            vm.signal(s, BackendSignal.TERMINATE);
        });
        confirm.setOnCancel(stage::close);
        stage.show();
    }
}
