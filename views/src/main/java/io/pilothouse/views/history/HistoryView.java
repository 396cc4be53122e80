package io.pilothouse.views.history;

import io.pilothouse.services.history.HistoryEntry;
import io.pilothouse.views.Styles;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Subscription;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A cluster's history as a vertical timeline, newest first: switchover and failover told apart by chip and colour,
 * timelines from Patroni, members lost and joined. A ListView, so arrows, Page Up/Down and Home/End navigate it.
 * Does no I/O: it shows what {@link HistoryViewModel#setData} was given.
 */
public final class HistoryView {

    private final HistoryViewModel vm;
    private final Label title = new Label();
    private final ListView<HistoryEntry> list = new ListView<>();
    private final VBox root;
    private final Subscription subscription;

    public HistoryView(HistoryViewModel vm) {
        this.vm = vm;
        title.getStyleClass().add(HistoryStyles.TITLE);
        list.getStyleClass().add(HistoryStyles.LIST);
        list.setId("history-list");
        list.setCellFactory(l -> new HistoryCell(vm.zone()));
        Label empty = new Label("Nothing recorded yet. Leader changes, new timelines and lost members appear here.");
        empty.getStyleClass().add(Styles.PLACEHOLDER);
        empty.setWrapText(true);
        list.setPlaceholder(empty);
        VBox.setVgrow(list, Priority.ALWAYS);
        root = new VBox(12, title, list);
        root.getStyleClass().add(HistoryStyles.HISTORY);
        subscription = vm.entriesProperty().subscribe(e -> refresh())
                .and(vm.scopeProperty().subscribe(s -> refresh()));
    }

    /** The node to put in a window. */
    public Parent root() {
        return root;
    }

    /** Stops listening to the view model. */
    public void dispose() {
        subscription.unsubscribe();
    }

    private void refresh() {
        String scope = vm.scopeProperty().get();
        title.setText(scope == null ? "History" : "History of " + scope);
        List<HistoryEntry> newestFirst = new ArrayList<>(vm.entriesProperty().get());
        Collections.reverse(newestFirst);
        if (!newestFirst.equals(list.getItems())) {
            list.getItems().setAll(newestFirst);
        }
    }
}
