package io.pilothouse.views.switchover;

import io.pilothouse.services.switchover.CandidateChecks;
import javafx.scene.control.TableView;

/** Keeps the model's candidate and the matrix's selected row in step. */
final class TableViewSelection {

    private TableViewSelection() {
    }

    static void follow(TableView<CandidateChecks> table, LeaderChangeWizardModel model) {
        table.getSelectionModel().selectedItemProperty().subscribe(row -> {
            if (row != null && !row.candidate().equals(model.candidateProperty().get())) {
                model.candidateProperty().set(row.candidate());
            }
        });
    }
}
