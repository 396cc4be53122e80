package io.pilothouse.views.switchover;

import io.pilothouse.services.switchover.CandidateChecks;
import io.pilothouse.services.switchover.CheckId;
import io.pilothouse.services.switchover.CheckMatrix;
import io.pilothouse.services.switchover.CheckResult;
import io.pilothouse.services.switchover.Verdict;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The pre-check matrix: one row per candidate, one column per check; each cell says pass / warn / fail in words and
 * colour, with the reason as its tooltip (and in the reasons list under the table for the selected row).
 *
 * <p>Nineteen checks are wider than a laptop screen, so two things keep the problems in sight: the columns of
 * checks that failed or warned for some candidate come first ({@link ProblemsFirst}), and the candidate and its
 * verdict sit in a table of their own on the left that does not scroll sideways (JavaFX tables have no frozen
 * columns). Both tables share the rows, the row height and the selection.
 */
final class CheckMatrixTable {

    /** Row height of both tables, so that their rows stay side by side. */
    static final double ROW_HEIGHT = 28;
    /** Rows shown without scrolling; a cluster rarely has more candidates than this. */
    private static final int VISIBLE_ROWS = 6;
    private static final double HEADER_AND_SCROLLBAR = 64;

    private final TableView<CandidateChecks> candidates = new TableView<>();
    private final TableView<CandidateChecks> checks = new TableView<>();
    private final Map<CheckId, TableColumn<CandidateChecks, Verdict>> columns = new EnumMap<>(CheckId.class);
    private final HBox root = new HBox(candidates, checks);

    CheckMatrixTable() {
        root.getStyleClass().add(SwitchoverStyles.MATRIX);
        candidates.setId("check-matrix-candidates");
        checks.setId("check-matrix");
        for (TableView<CandidateChecks> t : List.of(candidates, checks)) {
            t.setFixedCellSize(ROW_HEIGHT);
            t.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        }
        candidates.setPlaceholder(new Label("Reading…"));
        checks.setPlaceholder(new Label("Reading the pre-checks…"));
        TableColumn<CandidateChecks, String> name = new TableColumn<>("Candidate");
        name.setId("column-candidate");
        name.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().candidate()));
        name.setPrefWidth(110);
        TableColumn<CandidateChecks, Verdict> overall = new TableColumn<>("Verdict");
        overall.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().verdict()));
        overall.setCellFactory(c -> new VerdictCell(null));
        overall.setPrefWidth(80);
        candidates.getColumns().setAll(List.of(name, overall));
        candidates.setMinWidth(192);
        candidates.setPrefWidth(192);
        candidates.setMaxWidth(192);
        for (CheckId id : CheckId.values()) {
            TableColumn<CandidateChecks, Verdict> col = new TableColumn<>(id.title());
            col.setId("column-" + id.id());
            col.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(
                    c.getValue().result(id).map(CheckResult::verdict).orElse(Verdict.PASS)));
            col.setCellFactory(c -> new VerdictCell(id));
            // Wide enough for the title and for "! warn" / "✗ fail"; the reason is in the tooltip and the list below.
            col.setPrefWidth(Math.max(76, id.title().length() * 7.6 + 22));
            col.setSortable(false);
            col.setReorderable(false);
            columns.put(id, col);
        }
        checks.getColumns().setAll(ProblemsFirst.columnOrder(null).stream().map(columns::get).toList());
        HBox.setHgrow(checks, Priority.ALWAYS);
        // Selecting a row in either table selects it in the other.
        candidates.getSelectionModel().selectedIndexProperty().subscribe(i -> follow(checks, i.intValue()));
        checks.getSelectionModel().selectedIndexProperty().subscribe(i -> follow(candidates, i.intValue()));
        fitRows(0);
    }

    /** The matrix: both tables side by side. */
    HBox root() {
        return root;
    }

    /** The table of the checks (scrolls sideways). */
    TableView<CandidateChecks> table() {
        return checks;
    }

    /** The table of the candidates and their verdicts (never scrolls sideways). */
    TableView<CandidateChecks> candidates() {
        return candidates;
    }

    /** Shows {@code matrix}, its problem columns first. */
    void show(CheckMatrix matrix) {
        List<CandidateChecks> rows = matrix == null ? List.of() : matrix.rows();
        checks.getColumns().setAll(ProblemsFirst.columnOrder(matrix).stream().map(columns::get).toList());
        candidates.getItems().setAll(rows);
        checks.getItems().setAll(rows);
        fitRows(rows.size());
    }

    /** Selects {@code row} in both tables. */
    void select(CandidateChecks row) {
        if (row != null && checks.getSelectionModel().getSelectedItem() != row) {
            checks.getSelectionModel().select(row);
        }
    }

    private static void follow(TableView<CandidateChecks> other, int index) {
        if (index >= 0 && other.getSelectionModel().getSelectedIndex() != index) {
            other.getSelectionModel().select(index);
        }
    }

    /** Tall enough for every row up to {@link #VISIBLE_ROWS}, so the reasons below get the rest of the page. */
    private void fitRows(int rows) {
        double height = HEADER_AND_SCROLLBAR + ROW_HEIGHT * Math.max(2, Math.min(rows, VISIBLE_ROWS));
        for (TableView<CandidateChecks> t : List.of(candidates, checks)) {
            t.setPrefHeight(height);
            t.setMinHeight(height);
            t.setMaxHeight(height);
        }
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
