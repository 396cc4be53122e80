package io.pilothouse.views.indoubt;

import io.pilothouse.views.SidePanes;
import io.pilothouse.services.indoubt.Advice;
import io.pilothouse.services.indoubt.AdvisedTransaction;
import io.pilothouse.services.indoubt.GidText;
import io.pilothouse.services.indoubt.GlobalTransaction;
import io.pilothouse.services.model.PreparedBranch;
import io.pilothouse.views.DialogWindows;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Subscription;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;

/**
 * The in-doubt console: one row per global transaction (its advice in a tone), its branches as children; details of
 * the selected row; the read summary and node errors on top; Refresh (F5) and Resolve, which opens an
 * {@link InDoubtResolvePane} in its own window. Create and use on the FX thread.
 */
public final class InDoubtView {

    /** A row: a global transaction, or one of its branches. */
    public record Row(AdvisedTransaction transaction, String participant, PreparedBranch branch) {
        boolean isBranch() {
            return branch != null;
        }
    }

    private final InDoubtViewModel vm;
    private final DialogWindows windows;
    private final BorderPane root = new BorderPane();
    private final TreeTableView<Row> table = new TreeTableView<>();
    private final InDoubtDetails details;
    private final VBox errors = new VBox(4);
    private final Button refresh = new Button("Refresh");
    private final Button resolve = new Button("Resolve…");
    private final Label readOnlyReason = new Label("Read-only workspace: Pilothouse will not resolve anything here.");
    private final Subscription subscriptions;
    private final SidePanes panes;
    private InDoubtResolvePane openPane;
    private Stage resolveStage;

    /** A console that opens no windows of its own (screenshots): Resolve does nothing. */
    public InDoubtView(InDoubtViewModel vm) {
        this(vm, null);
    }

    /** @param windows opens the resolve pane's window */
    public InDoubtView(InDoubtViewModel vm, DialogWindows windows) {
        this.vm = vm;
        this.windows = windows;
        root.getStyleClass().add(InDoubtStyles.INDOUBT);
        root.getProperties().put(InDoubtView.class, this);

        Label title = new Label("In-doubt transactions");
        title.getStyleClass().add(InDoubtStyles.TITLE);
        Label summary = new Label();
        summary.setId("indoubt-summary");
        summary.getStyleClass().add(InDoubtStyles.SUMMARY);
        summary.textProperty().bind(vm.summaryProperty());
        errors.setId("indoubt-errors");
        refresh.setId("indoubt-refresh");
        refresh.setOnAction(e -> vm.refresh());
        refresh.disableProperty().bind(vm.loadingProperty());
        resolve.setId("indoubt-resolve");
        resolve.setOnAction(e -> openResolve());
        readOnlyReason.setId("indoubt-read-only");
        readOnlyReason.getStyleClass().add(InDoubtStyles.READ_ONLY_REASON);
        readOnlyReason.visibleProperty().bind(vm.readOnlyProperty());
        readOnlyReason.managedProperty().bind(vm.readOnlyProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        title.setMinWidth(Region.USE_PREF_SIZE);
        refresh.setMinWidth(Region.USE_PREF_SIZE);
        resolve.setMinWidth(Region.USE_PREF_SIZE);
        readOnlyReason.setWrapText(true);
        HBox top = new HBox(12, title, summary, spacer, refresh, resolve);
        top.setAlignment(Pos.CENTER_LEFT);
        VBox header = new VBox(6, top, readOnlyReason, errors);
        header.getStyleClass().add("ph-indoubt-header");

        InDoubtColumns.install(table, this::now);
        details = new InDoubtDetails(vm.zone());
        // The details take room only while a row is selected: an empty pane cut the table's columns.
        panes = new SidePanes(null, 0, table, (Region) details.root(), 400,
                table.getSelectionModel().selectedItemProperty().isNotNull());
        root.setTop(header);
        root.setCenter(panes.root());

        root.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.F5) {
                e.consume();
                vm.refresh();
            }
        });
        resolve.disableProperty().bind(Bindings.createBooleanBinding(
                () -> vm.readOnlyProperty().get() || vm.resolverProperty().get() == null
                        || table.getSelectionModel().getSelectedItem() == null,
                vm.readOnlyProperty(), vm.resolverProperty(), table.getSelectionModel().selectedItemProperty()));

        ListChangeListener<AdvisedTransaction> rebuild = c -> rebuild();
        vm.transactions().addListener(rebuild);
        ListChangeListener<String> errorLines = c -> showErrors();
        vm.nodeErrors().addListener(errorLines);
        Subscription selection = table.getSelectionModel().selectedItemProperty().subscribe(i -> showDetails());
        Label empty = new Label();
        empty.setId("indoubt-empty");
        empty.textProperty().bind(vm.emptyTextProperty());
        table.setPlaceholder(empty);
        rebuild();
        showErrors();
        subscriptions = Subscription.combine(selection, () -> {
            vm.transactions().removeListener(rebuild);
            vm.nodeErrors().removeListener(errorLines);
        });
    }

    public Parent root() {
        return root;
    }

    public TreeTableView<Row> table() {
        return table;
    }

    public Button resolveButton() {
        return resolve;
    }

    public Button refreshButton() {
        return refresh;
    }

    /** The resolve pane last opened (null before). */
    public InDoubtResolvePane resolvePane() {
        return openPane;
    }

    /** Selects the row of a global transaction; false when there is none. */
    public boolean select(String globalId) {
        for (TreeItem<Row> item : table.getRoot().getChildren()) {
            if (item.getValue().transaction().transaction().globalId().equals(globalId)) {
                table.getSelectionModel().select(item);
                return true;
            }
        }
        return false;
    }

    public void dispose() {
        subscriptions.unsubscribe();
        panes.dispose();
        if (resolveStage != null) {
            resolveStage.close();
        }
    }

    private Instant now() {
        return vm.scanProperty().get() == null ? Instant.now() : vm.scanProperty().get().at();
    }

    private void rebuild() {
        String selected = null;
        Row sel = table.getSelectionModel().getSelectedItem() == null ? null
                : table.getSelectionModel().getSelectedItem().getValue();
        if (sel != null) {
            selected = sel.transaction().transaction().globalId() + (sel.isBranch() ? "\u0000" + sel.participant() : "");
        }
        TreeItem<Row> top = new TreeItem<>();
        TreeItem<Row> reselect = null;
        for (AdvisedTransaction t : vm.transactions()) {
            TreeItem<Row> item = new TreeItem<>(new Row(t, null, null));
            item.setExpanded(true);
            if (t.transaction().globalId().equals(selected)) {
                reselect = item;
            }
            t.transaction().branches().forEach((participant, b) -> {
                item.getChildren().add(new TreeItem<>(new Row(t, participant, b)));
            });
            if (reselect == null && selected != null) {
                for (TreeItem<Row> child : item.getChildren()) {
                    if ((t.transaction().globalId() + "\u0000" + child.getValue().participant()).equals(selected)) {
                        reselect = child;
                    }
                }
            }
            top.getChildren().add(item);
        }
        table.setRoot(top);
        if (reselect != null) {
            table.getSelectionModel().select(reselect);
        } else if (!top.getChildren().isEmpty()) {
            table.getSelectionModel().select(top.getChildren().get(0));
        }
        showDetails();
    }

    private void showErrors() {
        errors.getChildren().clear();
        for (String e : vm.nodeErrors()) {
            Label l = new Label(e);
            l.setWrapText(true);
            l.getStyleClass().add(InDoubtStyles.ERROR);
            errors.getChildren().add(l);
        }
        errors.setVisible(!vm.nodeErrors().isEmpty());
        errors.setManaged(!vm.nodeErrors().isEmpty());
    }

    private void showDetails() {
        TreeItem<Row> item = table.getSelectionModel().getSelectedItem();
        details.show(item == null ? null : item.getValue(), now());
    }

    /**
     * Opens the resolve pane for the selected global transaction in its own modal window; null when nothing is
     * selected, the workspace is read-only, or this view opens no windows.
     */
    public InDoubtResolvePane openResolve() {
        TreeItem<Row> item = table.getSelectionModel().getSelectedItem();
        if (item == null || windows == null || vm.readOnlyProperty().get() || vm.resolverProperty().get() == null) {
            return null;
        }
        if (resolveStage != null) {
            resolveStage.close();
        }
        InDoubtResolveModel model = new InDoubtResolveModel(item.getValue().transaction(),
                vm.resolverProperty().get(), vm.confirmWordProperty().get(), vm.fx());
        InDoubtResolvePane pane = new InDoubtResolvePane(model);
        openPane = pane;
        Window owner = root.getScene() == null ? null : root.getScene().getWindow();
        Stage stage = windows.modal(owner, "Pilothouse — resolve " + item.getValue().transaction().transaction()
                .globalId(), pane.root(), 900, 620);
        pane.setOnClose(stage::close);
        model.setOnResolved(vm::refresh);
        stage.setOnHidden(e -> {
            if (resolveStage == stage) {
                resolveStage = null;
            }
        });
        resolveStage = stage;
        stage.show();
        return pane;
    }
}
