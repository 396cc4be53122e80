package io.pilothouse.views.switchover;

import io.pilothouse.services.switchover.SwitchoverReport;
import io.pilothouse.services.switchover.Outcome;
import io.pilothouse.services.switchover.Verdict;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.Locale;

/**
 * The wizard's last page: the outcome and its figures (total time, writes unavailable, predicted loss, old and new
 * leader), the verification table, the progress as seen in the live model, and saving the report.
 */
final class LeaderChangeReportPage {

    private final LeaderChangeWizardModel model;
    private final Label summary = new Label();
    private final Label figures = new Label();
    private final VerificationTable verification = new VerificationTable();
    private final ListView<String> steps = new ListView<>();
    private final VBox root;

    /** @param onClose what Close does (the app closes the window) */
    LeaderChangeReportPage(LeaderChangeWizardModel model, Runnable onClose) {
        this.model = model;
        summary.setId("report-summary");
        summary.getStyleClass().add(SwitchoverStyles.SUMMARY);
        summary.setWrapText(true);
        figures.setId("report-figures");
        figures.getStyleClass().add(SwitchoverStyles.FIGURES);
        figures.setWrapText(true);
        steps.setPrefHeight(160);
        TitledPane progressPane = new TitledPane("Progress as seen in the live model", steps);
        progressPane.setExpanded(true);
        Button saveMarkdown = new Button("Save as Markdown…");
        Button saveJson = new Button("Save as JSON…");
        Button close = new Button("Close");
        saveMarkdown.setId("report-save-markdown");
        saveJson.setId("report-save-json");
        close.setId("report-close");
        saveMarkdown.setOnAction(e -> model.save(false));
        saveJson.setOnAction(e -> model.save(true));
        close.setOnAction(e -> onClose.run());
        close.setDefaultButton(true);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox buttons = new HBox(10, saveMarkdown, saveJson, spacer, close);
        VBox.setVgrow(verification.table(), Priority.SOMETIMES);
        root = new VBox(10, summary, figures, verification.table(), progressPane, buttons);
    }

    Node root() {
        return root;
    }

    /** Shows report {@code r}; nothing while it is null. */
    void show(SwitchoverReport r) {
        if (r == null) {
            return;
        }
        summary.setText(r.outcome().word().toUpperCase(Locale.ROOT) + ": " + r.summary());
        for (Verdict v : Verdict.values()) {
            summary.pseudoClassStateChanged(SwitchoverStyles.of(v), false);
        }
        summary.pseudoClassStateChanged(SwitchoverStyles.of(r.allGreen() ? Verdict.PASS
                : r.outcome() == Outcome.COMPLETED || r.outcome() == Outcome.SCHEDULED ? Verdict.WARN : Verdict.FAIL),
                true);
        StringBuilder f = new StringBuilder("Total " + r.total().toMillis() + " ms");
        if (r.writes().measured() && r.writes().everWrote()) {
            f.append("  ·  writes unavailable for ").append(r.writes().unavailable().toMillis())
                    .append(" ms (longest gap between ").append(r.writes().writes()).append(" acknowledged writes)");
        }
        if (r.predictedLossBytes() != null) {
            f.append("  ·  predicted loss at promotion ").append(r.predictedLossBytes()).append(" bytes");
        }
        f.append("  ·  leader ").append(r.oldLeader()).append(" → ").append(r.newLeader());
        figures.setText(f.toString());
        verification.show(r.verification());
        steps.getItems().setAll(r.steps().stream().map(s -> s.describe()).toList());
    }
}
