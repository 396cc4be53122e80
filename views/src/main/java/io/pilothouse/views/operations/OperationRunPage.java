package io.pilothouse.views.operations;

import io.pilothouse.views.operations.OperationProgressModel.Outcome;
import io.pilothouse.views.operations.OperationProgressModel.Result;
import io.pilothouse.views.operations.OperationProgressModel.Step;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The progress and result page of an operation's window, bound to its {@link OperationProgressModel}: the status and
 * an indeterminate indicator, the lines as they come, then the outcome (in the danger tone unless it succeeded).
 */
final class OperationRunPage {

    private final OperationProgressModel model;
    private final VBox page;
    private final Label status = new Label();
    private final ProgressIndicator spinner = new ProgressIndicator(ProgressIndicator.INDETERMINATE_PROGRESS);
    private final ListView<String> lines = new ListView<>();
    private final Label note = new Label();
    private final VBox resultBox = new VBox(6);
    private final Label resultTitle = new Label();
    private final Label resultMessage = new Label();
    private final VBox resultFigures = new VBox(2);
    private final Button close = new Button("Cancel");

    /** @param onClose what Cancel (while running) and Close (when done) do */
    OperationRunPage(OperationProgressModel model, Runnable onClose) {
        this.model = model;
        status.setId("operation-status");
        status.getStyleClass().add(OperationStyles.OPERATION_STATUS);
        status.textProperty().bind(model.statusProperty());
        spinner.setId("operation-spinner");
        spinner.setPrefSize(22, 22);
        HBox head = new HBox(10, spinner, status);
        head.setAlignment(Pos.CENTER_LEFT);
        lines.setId("operation-lines");
        lines.getStyleClass().add(OperationStyles.OPERATION_LINES);
        lines.setFocusTraversable(false);
        lines.setPrefHeight(180);
        lines.setMinWidth(120); // long lines wrap in their cells; they must not widen the window past its edge
        lines.setCellFactory(list -> new ListCell<>() {
            {
                setWrapText(true);
                prefWidthProperty().bind(list.widthProperty().subtract(24));
                setMaxWidth(Control.USE_PREF_SIZE);
            }

            @Override
            protected void updateItem(String line, boolean empty) {
                super.updateItem(line, empty);
                setText(empty ? null : line);
            }
        });
        lines.setPlaceholder(new Label("Waiting for the first answer …"));
        lines.setItems(model.lines());
        model.lines().addListener((ListChangeListener<String>) c -> lines.scrollTo(lines.getItems().size() - 1));
        VBox.setVgrow(lines, Priority.ALWAYS);
        note.setId("operation-note");
        note.setWrapText(true);
        note.setMinHeight(Region.USE_PREF_SIZE);
        note.getStyleClass().add(OperationStyles.OPERATION_NOTE);
        note.setText("Cancel closes this window only: the operation continues on the server, and its outcome is "
                + "recorded in the audit log.");
        resultTitle.setId("operation-result-title");
        resultTitle.getStyleClass().add(OperationStyles.RESULT_TITLE);
        resultMessage.setId("operation-result");
        resultMessage.setWrapText(true);
        resultMessage.setMinHeight(Region.USE_PREF_SIZE);
        resultMessage.getStyleClass().add(OperationStyles.RESULT_MESSAGE);
        resultFigures.setId("operation-figures");
        resultBox.getChildren().setAll(resultTitle, resultMessage, resultFigures);
        resultBox.getStyleClass().add(OperationStyles.RESULT);
        resultBox.setVisible(false);
        resultBox.setManaged(false);
        close.setId("operation-close");
        close.setOnAction(e -> onClose.run());
        ButtonBar.setButtonData(close, ButtonBar.ButtonData.CANCEL_CLOSE);
        ButtonBar bar = new ButtonBar();
        bar.getButtons().setAll(close);
        page = new VBox(10, head, lines, note, resultBox, bar);
        page.getStyleClass().add(OperationStyles.OPERATION_RUN);
        model.stepProperty().subscribe(s -> {
            if (s == Step.DONE) {
                showResult();
            }
        });
    }

    VBox root() {
        return page;
    }

    Button closeButton() {
        return close;
    }

    private void showResult() {
        Result r = model.resultProperty().get();
        Outcome how = model.outcomeProperty().get();
        spinner.setVisible(false);
        spinner.setManaged(false);
        lines.setPlaceholder(new Label("No progress was reported."));
        resultTitle.setText(r.title());
        resultMessage.setText(r.message());
        resultFigures.getChildren().clear();
        for (String f : r.figures()) {
            Label l = new Label(f);
            l.setWrapText(true);
            l.setMinHeight(Region.USE_PREF_SIZE);
            l.getStyleClass().add(OperationStyles.RESULT_FIGURE);
            resultFigures.getChildren().add(l);
        }
        resultBox.pseudoClassStateChanged(OperationStyles.DANGER, how != Outcome.SUCCEEDED);
        resultBox.pseudoClassStateChanged(OperationStyles.SUCCESS, how == Outcome.SUCCEEDED);
        resultBox.setVisible(true);
        resultBox.setManaged(true);
        note.setVisible(false);
        note.setManaged(false);
        close.setText("Close");
        close.setDefaultButton(true);
        close.requestFocus();
    }
}
