package io.pilothouse.views.switchover;

import io.pilothouse.services.switchover.CandidateChecks;
import io.pilothouse.services.switchover.CheckId;
import io.pilothouse.services.switchover.CheckMatrix;
import io.pilothouse.services.switchover.CheckResult;
import io.pilothouse.services.switchover.Verdict;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;

/**
 * The pre-check matrix: one row per candidate, one column per check; each cell says pass / warn / fail in words and
 * colour, with the reason as its tooltip (and in the reasons list under the table for the selected row).
 */
final class CheckMatrixTable {

    private final TableView<CandidateChecks> table = new TableView<>();

    CheckMatrixTable() {
        table.getStyleClass().add(SwitchoverStyles.MATRIX);
        table.setId("check-matrix");
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.setPlaceholder(new javafx.scene.control.Label("Reading the pre-checks…"));
        TableColumn<CandidateChecks, String> name = new TableColumn<>("Candidate");
        name.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().candidate()));
        name.setPrefWidth(110);
        TableColumn<CandidateChecks, Verdict> overall = new TableColumn<>("Verdict");
        overall.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().verdict()));
        overall.setCellFactory(c -> new VerdictCell(null));
        overall.setPrefWidth(80);
        table.getColumns().add(name);
        table.getColumns().add(overall);
        for (CheckId id : CheckId.values()) {
            TableColumn<CandidateChecks, Verdict> col = new TableColumn<>(id.title());
            col.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(LeaderChangeWizardModel.verdict(c.getValue(), id)));
            col.setCellFactory(c -> new VerdictCell(id));
            // Wide enough for the title: every column visible on a laptop screen, the reason in the tooltip.
            col.setPrefWidth(Math.max(58, id.title().length() * 7.6 + 22));
            col.setSortable(false);
            table.getColumns().add(col);
        }
    }

    TableView<CandidateChecks> table() {
        return table;
    }

    void show(CheckMatrix matrix) {
        table.getItems().setAll(matrix == null ? java.util.List.of() : matrix.rows());
    }

    /** One verdict, as a word with a symbol; the tooltip has the reason. */
    private static final class VerdictCell extends TableCell<CandidateChecks, Verdict> {
        private final CheckId id;

        VerdictCell(CheckId id) {
            this.id = id;
            getStyleClass().add(SwitchoverStyles.CELL);
        }

        @Override
        protected void updateItem(Verdict v, boolean empty) {
            super.updateItem(v, empty);
            for (Verdict each : Verdict.values()) {
                pseudoClassStateChanged(SwitchoverStyles.of(each), !empty && v == each);
            }
            if (empty || v == null) {
                setText(null);
                setTooltip(null);
                return;
            }
            // A pass is a quiet tick so that warnings and failures stand out; they are written out.
            setText(id != null && v == Verdict.PASS ? "\u2713" : SwitchoverStyles.mark(v));
            CandidateChecks row = getTableRow() == null ? null : getTableRow().getItem();
            String reason = row == null || id == null ? null : row.result(id).map(CheckResult::reason).orElse(null);
            setTooltip(reason == null ? null : new Tooltip(id.id() + ": " + reason));
        }
    }
}
