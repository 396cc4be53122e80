package io.pilothouse.views.traffic;

import io.pilothouse.services.model.TrafficProblem;
import io.pilothouse.services.trafficops.HaproxyServerState;
import io.pilothouse.services.trafficops.PgBouncerCommand;
import io.pilothouse.services.trafficops.TrafficPreview;
import io.pilothouse.views.DialogWindows;
import io.pilothouse.views.Tone;
import io.pilothouse.views.operations.ConfirmByNameDialogPane;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

import java.util.List;

/**
 * The Traffic tab: title and components' reachability, the problems (critical first), then entry points, HAProxy
 * servers, PgBouncer databases and Pgpool-II nodes. Server and database rows have a context menu; an operation
 * shows what it will touch, then asks to type the server's or database's name.
 */
public final class TrafficView {

    private final TrafficViewModel vm;
    private final ScrollPane root;
    private final VBox content = new VBox(10);
    private final VBox componentBox = new VBox(2);
    private final VBox problemBox = new VBox(4);
    private DialogWindows windows;

    public TrafficView(TrafficViewModel vm) {
        this.vm = vm;
        Label title = new Label();
        title.setId("traffic-title");
        title.getStyleClass().add(TrafficStyles.TITLE);
        title.textProperty().bind(vm.titleProperty());
        title.setWrapText(true);
        Label result = new Label();
        result.setId("traffic-result");
        result.getStyleClass().add(TrafficStyles.RESULT);
        result.setWrapText(true);
        result.textProperty().bind(vm.resultProperty());
        content.getStyleClass().add(TrafficStyles.TRAFFIC);
        content.getChildren().addAll(title, componentBox, problemBox, result,
                section("Entry points: where reads and writes go now"),
                TrafficTable.create("traffic-entry-points", TrafficRows.ENTRY_COLUMNS, vm.entryPoints(),
                        "No entry point read", null),
                section("HAProxy servers (right-click: drain, maintenance, ready)"),
                TrafficTable.create("traffic-haproxy", TrafficRows.HAPROXY_COLUMNS, vm.haproxy(),
                        "Nothing read from HAProxy: none is named for this cluster, or it did not answer (see above)", this::haproxyMenu),
                section("PgBouncer databases (right-click: pause, resume, reconnect)"),
                TrafficTable.create("traffic-pgbouncer", TrafficRows.PGBOUNCER_COLUMNS, vm.pgbouncer(),
                        "Nothing read from PgBouncer: none is named for this cluster, or it did not answer (see above)", this::pgbouncerMenu),
                section("Pgpool-II nodes: what Pgpool believes / what the server says"),
                TrafficTable.create("traffic-pgpool", TrafficRows.PGPOOL_COLUMNS, vm.pgpool(),
                        "Nothing read from Pgpool-II: none is named for this cluster, or it did not answer (see above)", null));
        vm.components().addListener((ListChangeListener<String>) c -> showComponents());
        vm.problems().addListener((ListChangeListener<TrafficProblem>) c -> showProblems());
        root = new ScrollPane(content);
        root.setFitToWidth(true);
        root.getStyleClass().add(TrafficStyles.TRAFFIC);
    }

    /** Where confirmation dialogs open (the app's window factory). */
    public void useWindows(DialogWindows newWindows) {
        this.windows = newWindows;
    }

    public Node root() {
        return root;
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(TrafficStyles.SECTION);
        return l;
    }

    private void showComponents() {
        componentBox.getChildren().setAll(vm.components().stream().map(c -> {
            Label l = new Label(c);
            l.getStyleClass().add(TrafficStyles.COMPONENT);
            l.pseudoClassStateChanged(Tone.DANGER.pseudoClass(), c.contains("UNREACHABLE"));
            l.setWrapText(true);
            return (Node) l;
        }).toList());
    }

    private void showProblems() {
        problemBox.getChildren().setAll(vm.problems().stream().map(p -> {
            Label l = new Label((p.kind().critical() ? "⚠ " : "") + p.kind().key() + " — " + p.entryPoint() + ": "
                    + p.message());
            l.getStyleClass().add(TrafficStyles.PROBLEM);
            l.pseudoClassStateChanged((p.kind().critical() ? Tone.DANGER : Tone.WARN).pseudoClass(), true);
            l.setWrapText(true);
            return (Node) l;
        }).toList());
    }

    private ContextMenu haproxyMenu(TrafficRow row) {
        return menu(List.of(
                item("Drain " + row.target(), vm.haproxyOperation(row, HaproxyServerState.DRAIN)),
                item("Put " + row.target() + " into maintenance", vm.haproxyOperation(row, HaproxyServerState.MAINT)),
                item("Set " + row.target() + " ready", vm.haproxyOperation(row, HaproxyServerState.READY))));
    }

    private ContextMenu pgbouncerMenu(TrafficRow row) {
        return menu(List.of(
                item("Pause " + row.target(), vm.pgbouncerOperation(row, PgBouncerCommand.PAUSE)),
                item("Resume " + row.target(), vm.pgbouncerOperation(row, PgBouncerCommand.RESUME)),
                item("Reconnect " + row.target(), vm.pgbouncerOperation(row, PgBouncerCommand.RECONNECT))));
    }

    private static ContextMenu menu(List<MenuItem> items) {
        return new ContextMenu(items.toArray(MenuItem[]::new));
    }

    private MenuItem item(String text, TrafficOperation op) {
        MenuItem item = new MenuItem(text);
        item.setDisable(op == null || vm.operationsDisabled());
        item.setOnAction(e -> vm.preview(op, preview -> confirm(op, preview)));
        return item;
    }

    /** The preview, then the typed name; Enter in the field never confirms. */
    private void confirm(TrafficOperation op, TrafficPreview preview) {
        String impact = String.join("\n", preview.touches().stream().map(t -> "Now: " + t).toList())
                + (preview.risks().isEmpty() ? "" : "\n" + String.join("\n", preview.risks().stream()
                .map(r -> "Risk: " + r).toList()));
        ConfirmByNameDialogPane pane = new ConfirmByNameDialogPane(preview.action(), op.nameToType(), impact,
                op.onHaproxy() ? "server name" : "database name");
        pane.nameField().setOnAction(e -> e.consume());
        if (windows == null) {
            return;
        }
        Stage stage = windows.modal(root.getScene() == null ? null : root.getScene().getWindow(), preview.action(),
                pane, 620, -1);
        pane.setOnConfirm(() -> {
            stage.close();
            vm.run(op);
        });
        pane.setOnCancel(stage::close);
        stage.show();
    }
}
