package io.pilothouse.views.indoubt;

import io.pilothouse.services.indoubt.Advice;
import io.pilothouse.services.indoubt.AdvisedTransaction;
import io.pilothouse.services.indoubt.GidText;
import io.pilothouse.services.indoubt.GlobalTransaction;
import io.pilothouse.services.model.PreparedBranch;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
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
import javafx.stage.Modality;
import javafx.stage.Stage;
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

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final InDoubtViewModel vm;
    private final BorderPane root = new BorderPane();
    private final TreeTableView<Row> table = new TreeTableView<>();
    private final VBox details = new VBox(6);
    private final VBox errors = new VBox(4);
    private final Button refresh = new Button("Refresh");
    private final Button resolve = new Button("Resolve…");
    private final Label readOnlyReason = new Label("Read-only workspace: Pilothouse will not resolve anything here.");
    private final Subscription subscriptions;
    private InDoubtResolvePane openPane;
    private Stage resolveStage;

    public InDoubtView(InDoubtViewModel vm) {
        this.vm = vm;
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

        buildTable();
        ScrollPane detailsScroll = new ScrollPane(details);
        detailsScroll.setFitToWidth(true);
        detailsScroll.getStyleClass().add(InDoubtStyles.DETAILS);
        details.getStyleClass().add(InDoubtStyles.DETAILS);
        details.setId("indoubt-details");
        SplitPane split = new SplitPane(table, detailsScroll);
        split.setDividerPositions(0.7);
        root.setTop(header);
        root.setCenter(split);

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
        if (resolveStage != null) {
            resolveStage.close();
        }
    }

    private Instant now() {
        return vm.scanProperty().get() == null ? Instant.now() : vm.scanProperty().get().at();
    }

    private void buildTable() {
        table.getStyleClass().add(InDoubtStyles.TABLE);
        table.setShowRoot(false);
        table.setRoot(new TreeItem<>());
        table.setColumnResizePolicy(TreeTableView.UNCONSTRAINED_RESIZE_POLICY);
        table.getColumns().setAll(List.of(
                column("Global id / node", 235, r -> r.isBranch() ? r.branch().node().label()
                        : r.transaction().transaction().globalId()),
                adviceColumn(),
                column("Gid / pattern", 150, r -> r.isBranch() ? GidText.quoted(r.branch().gid())
                        : r.transaction().transaction().pattern()),
                column("Branches / db", 125, r -> r.isBranch() ? r.branch().database()
                        : Integer.toString(r.transaction().transaction().branches().size())),
                column("Holding / owner", 150, r -> r.isBranch() ? r.branch().owner() : holding(r)),
                column("Missing", 80, r -> r.isBranch() ? ""
                        : String.join(", ", r.transaction().transaction().missing())),
                column("Age", 70, r -> r.isBranch() ? InDoubtText.age(r.branch().ageSeconds(now()))
                        : InDoubtText.age(InDoubtText.oldestAge(r.transaction(), now()))),
                column("Xid age (% freeze max)", 160, r -> r.isBranch() ? InDoubtText.xidAgeShort(r.branch()) : ""),
                column("Locks", 55, r -> Integer.toString(r.isBranch() ? r.branch().locks().size()
                        : r.transaction().transaction().branches().values().stream()
                        .mapToInt(b -> b.locks().size()).sum())),
                column("Blocked", 65, r -> Integer.toString(r.isBranch() ? r.branch().blocked().size()
                        : r.transaction().transaction().branches().values().stream()
                        .mapToInt(b -> b.blocked().size()).sum())),
                column("Oldest xmin", 85, r -> r.isBranch() ? (r.branch().oldestXmin() ? "yes" : "")
                        : r.transaction().transaction().branches().values().stream()
                        .anyMatch(PreparedBranch::oldestXmin) ? "yes" : "")));
    }

    private static String holding(Row r) {
        return String.join(", ", r.transaction().transaction().branches().keySet());
    }

    private static TreeTableColumn<Row, String> column(String name, double width, Function<Row, String> value) {
        TreeTableColumn<Row, String> c = new TreeTableColumn<>(name);
        c.setPrefWidth(width);
        c.setCellValueFactory(f -> new javafx.beans.property.ReadOnlyStringWrapper(
                f.getValue().getValue() == null ? "" : value.apply(f.getValue().getValue())));
        return c;
    }

    private TreeTableColumn<Row, String> adviceColumn() {
        TreeTableColumn<Row, String> c = column("Advice", 90, r -> r.isBranch() ? ""
                : InDoubtText.advice(r.transaction().advice().action()));
        c.setCellFactory(col -> new TreeTableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                Row r = empty || getTableRow() == null ? null : getTableRow().getItem();
                setText(empty ? null : item);
                getStyleClass().remove(InDoubtStyles.ADVICE);
                for (Advice.Action a : Advice.Action.values()) {
                    pseudoClassStateChanged(InDoubtStyles.tone(a), false);
                }
                if (r != null && !r.isBranch() && item != null) {
                    getStyleClass().add(InDoubtStyles.ADVICE);
                    pseudoClassStateChanged(InDoubtStyles.tone(r.transaction().advice().action()), true);
                }
            }
        });
        return c;
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
        details.getChildren().clear();
        TreeItem<Row> item = table.getSelectionModel().getSelectedItem();
        if (item == null || item.getValue() == null) {
            details.getChildren().add(muted("Select a global transaction or one of its branches."));
            return;
        }
        Row r = item.getValue();
        GlobalTransaction t = r.transaction().transaction();
        Advice advice = r.transaction().advice();
        if (!r.isBranch()) {
            details.getChildren().add(title(t.globalId()));
            Label a = new Label(advice.summary());
            a.setId("details-advice");
            a.setWrapText(true);
            a.getStyleClass().add(InDoubtStyles.ADVICE);
            a.pseudoClassStateChanged(InDoubtStyles.tone(advice.action()), true);
            details.getChildren().add(a);
            section("EVIDENCE");
            advice.evidence().forEach(ev -> details.getChildren().add(line("• " + ev, "details-evidence")));
            section("BRANCHES");
            t.branches().forEach((p, b) -> details.getChildren().add(line(p + ": " + GidText.quoted(b.gid()) + " on "
                    + b.node().label() + ", database " + b.database(), null)));
            if (!t.missing().isEmpty()) {
                details.getChildren().add(line("No branch on: " + String.join(", ", t.missing()), null));
            }
            details.getChildren().add(line("Pattern: " + t.pattern() + " (" + t.family() + ")", null));
            if (!t.notes().isEmpty()) {
                section("NOTES");
                t.notes().forEach(n -> details.getChildren().add(line(n, null)));
            }
            return;
        }
        PreparedBranch b = r.branch();
        details.getChildren().add(title(GidText.quoted(b.gid())));
        details.getChildren().add(line("Branch of " + t.globalId() + " (" + r.participant() + "), advice: "
                + InDoubtText.advice(advice.action()), null));
        details.getChildren().add(line("Node " + b.node().label() + " (" + b.node().host() + ":" + b.node().port()
                + "), database " + b.database() + ", owner " + b.owner(), null));
        details.getChildren().add(line("Prepared " + TIME.format(b.prepared().atZone(vm.zone())) + " ("
                + InDoubtText.age(b.ageSeconds(now())) + " ago), xid " + b.xid(), null));
        details.getChildren().add(line("Xid age " + InDoubtText.xidAge(b)
                + (b.oldestXmin() ? "; the oldest xmin on the node: it holds VACUUM back" : ""), null));
        section("LOCKS HELD (" + b.locks().size() + ")");
        if (b.locks().isEmpty()) {
            details.getChildren().add(muted("none"));
        }
        b.locks().forEach(l -> details.getChildren().add(line(l.lockType() + " " + l.mode()
                + (l.relation() == null ? "" : " on " + l.relation()), "details-lock")));
        section("SESSIONS IT BLOCKS (" + b.blocked().size() + ")");
        if (b.blocked().isEmpty()) {
            details.getChildren().add(muted("none"));
        }
        b.blocked().forEach(s -> details.getChildren().add(line("pid " + s.pid() + ", " + s.user() + "@"
                + s.database() + ", waiting " + InDoubtText.age(Math.round(s.waitingSeconds())) + ": "
                + (s.query() == null ? "" : s.query()), "details-blocked")));
    }

    private Label title(String text) {
        Label l = new Label(text);
        l.setId("details-title");
        l.setMnemonicParsing(false);
        l.getStyleClass().add(InDoubtStyles.DETAILS_TITLE);
        return l;
    }

    private void section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(InDoubtStyles.SECTION_TITLE);
        details.getChildren().add(l);
    }

    private static Label line(String text, String styleClass) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMnemonicParsing(false);
        if (styleClass != null) {
            l.getStyleClass().add(styleClass);
        }
        return l;
    }

    private static Label muted(String text) {
        Label l = line(text, "ph-muted");
        return l;
    }

    /** Opens the resolve pane for the selected global transaction in its own window. */
    public InDoubtResolvePane openResolve() {
        TreeItem<Row> item = table.getSelectionModel().getSelectedItem();
        if (item == null || vm.readOnlyProperty().get() || vm.resolverProperty().get() == null) {
            return null;
        }
        if (resolveStage != null) {
            resolveStage.close();
        }
        InDoubtResolvePane pane = new InDoubtResolvePane(item.getValue().transaction(), vm.resolverProperty().get(),
                vm.confirmWordProperty().get());
        openPane = pane;
        Scene scene = new Scene(pane.root(), 900, 620);
        io.pilothouse.styles.Theme theme = root.getScene() == null ? null
                : io.pilothouse.styles.Theme.of(root.getScene());
        (theme == null ? io.pilothouse.styles.Theme.LIGHT : theme).applyTo(scene);
        Stage stage = new Stage();
        if (root.getScene() != null && root.getScene().getWindow() != null) {
            stage.initOwner(root.getScene().getWindow());
            stage.initModality(Modality.WINDOW_MODAL);
        }
        stage.setTitle("Pilothouse — resolve " + item.getValue().transaction().transaction().globalId());
        stage.setScene(scene);
        pane.setOnClose(stage::close);
        pane.setOnResolved(vm::refresh);
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
