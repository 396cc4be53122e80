package io.pilothouse.views.replicas;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.replicas.RemovalPreview;
import io.pilothouse.services.replicas.ReplicaReport;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Subscription;

import static io.pilothouse.views.replicas.WizardParts.button;
import static io.pilothouse.views.replicas.WizardParts.buttons;
import static io.pilothouse.views.replicas.WizardParts.muted;
import static io.pilothouse.views.replicas.WizardParts.text;

/**
 * The "Remove a replica…" window: pick the member, then its checks (with why a removal is refused: the leader, the
 * last synchronous or quorum standby) and every step under a confirm button naming the member and the cluster, then
 * the progress and the report. Enter reviews (never confirms); Escape goes back from the preview, else closes.
 */
public final class RemovalWizard {

    private final RemovalWizardModel model;
    private final VBox root = new VBox(12);
    private final Label title = new Label();
    private final Label error = WizardParts.error("removal-error");
    private final Label whyNot = WizardParts.error("removal-why-not");
    private final ComboBox<String> member = new ComboBox<>();
    private final TextField ssh = new TextField();
    private final CheckBox deleteData = new CheckBox("_Delete its data directory too");
    private final TextArea previewText = text("removal-preview-text");
    private final TextArea reportText = text("removal-report-text");
    private final ListView<String> progress = new ListView<>();
    private final Button confirm = new Button();
    private final StackPane pages = new StackPane();
    private final Subscription subscriptions;
    private Runnable onClose = () -> { };

    /** @param selected the member to preselect (the topology's selection), or null */
    public RemovalWizard(RemovalWizardModel model, ClusterSnapshot cluster, String selected) {
        this.model = model;
        root.getProperties().put(RemovalWizard.class, this);
        root.setPadding(new Insets(16));
        title.setId("removal-title");
        title.getStyleClass().add("ph-switchover-title");
        member.setId("removal-member");
        member.getItems().setAll(cluster.members().stream().map(Member::name).toList());
        member.setEditable(true);
        if (selected != null) {
            member.setValue(selected);
        }
        error.textProperty().bind(Bindings.createStringBinding(() -> model.errorProperty().get() == null ? ""
                : model.errorProperty().get(), model.errorProperty()));
        Button review = button("_Review…", "removal-review", () -> model.review(member.getValue(),
                ssh.getText() == null || ssh.getText().isBlank() ? java.util.Optional.empty()
                        : java.util.Optional.of(ssh.getText().strip()), deleteData.isSelected()));
        review.defaultButtonProperty().bind(model.pageProperty().isEqualTo(ReplicaPage.TARGET));
        Label pick = new Label("_Member");
        pick.setLabelFor(member);
        ssh.setId("removal-ssh");
        ssh.setPromptText("user@host[:port] of its host, empty for this machine");
        HBox.setHgrow(ssh, Priority.ALWAYS);
        Label over = new Label("_SSH destination");
        over.setLabelFor(ssh);
        HBox row = new HBox(10, pick, member, over, ssh);
        row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        Node target = new VBox(12, muted("Pick the replica of " + cluster.scope() + " to stop and remove. Nothing "
                + "changes until you confirm on the next page."), row, deleteData,
                buttons(button("_Cancel", "removal-cancel", () -> onClose.run()), review));
        confirm.setId("removal-confirm");
        confirm.getStyleClass().add("danger");
        confirm.setMnemonicParsing(false);
        confirm.setOnAction(e -> model.remove());
        VBox.setVgrow(previewText, Priority.ALWAYS);
        Node preview = new VBox(8, previewText, whyNot, buttons(button("_Back", "removal-back", model::back),
                confirm));
        progress.setId("removal-progress");
        Bindings.bindContent(progress.getItems(), model.progress());
        VBox.setVgrow(reportText, Priority.ALWAYS);
        Button close = button("_Close", "removal-close", () -> onClose.run());
        close.defaultButtonProperty().bind(model.pageProperty().isEqualTo(ReplicaPage.REPORT));
        pages.getChildren().addAll(target, preview, progress, new VBox(10, reportText, buttons(close)));
        VBox.setVgrow(pages, Priority.ALWAYS);
        root.getChildren().addAll(title, error, pages);
        root.setPrefSize(860, 560);
        root.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && model.pageProperty().get() != ReplicaPage.RUNNING) {
                e.consume();
                if (model.pageProperty().get() == ReplicaPage.PREVIEW) {
                    model.back();
                } else {
                    onClose.run();
                }
            }
        });
        subscriptions = model.pageProperty().subscribe(p -> show()).and(model.previewProperty().subscribe(p -> show()))
                .and(model.reportProperty().subscribe(r -> show())).and(model.errorProperty().subscribe(e -> show()));
    }

    public Parent root() {
        return root;
    }

    public void setOnClose(Runnable action) {
        onClose = action == null ? () -> { } : action;
    }

    public RemovalWizardModel model() {
        return model;
    }

    public void dispose() {
        subscriptions.unsubscribe();
        Bindings.unbindContent(progress.getItems(), model.progress());
    }

    private void show() {
        ReplicaPage page = model.pageProperty().get();
        for (int i = 0; i < pages.getChildren().size(); i++) {
            pages.getChildren().get(i).setVisible(i == page.ordinal());
        }
        RemovalPreview p = model.previewProperty().get();
        ReplicaReport r = model.reportProperty().get();
        String name = p == null ? "a replica" : p.member();
        title.setText(switch (page) {
            case TARGET -> "Remove a replica from " + model.cluster();
            case PREVIEW -> "Review: remove " + name + " from " + model.cluster();
            case RUNNING -> "Removing " + name + " from " + model.cluster() + "…";
            case REPORT -> r != null && r.ok() ? "Removed " + name + " from " + model.cluster()
                    : "Removing " + name + " failed";
        });
        previewText.setText(p == null ? "" : String.join("\n", p.lines()));
        reportText.setText(r == null ? "" : String.join("\n", r.lines()));
        confirm.setText(model.confirmLabel());
        confirm.setDisable(!model.canRemove());
        whyNot.setText(model.whyNot() == null ? "" : model.whyNot());
    }
}
