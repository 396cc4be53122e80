package io.pilothouse.views.history;

import io.pilothouse.services.history.HistoryEntry;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import java.time.ZoneId;
import java.util.List;

/** What the history view shows: one cluster's entries, oldest first as the services keep them. FX thread only. */
public final class HistoryViewModel {

    private final ReadOnlyObjectWrapper<String> scope = new ReadOnlyObjectWrapper<>(this, "scope");
    private final ReadOnlyObjectWrapper<List<HistoryEntry>> entries =
            new ReadOnlyObjectWrapper<>(this, "entries", List.of());
    private final ZoneId zone;

    /** @param zone time zone for clock times */
    public HistoryViewModel(ZoneId zone) {
        this.zone = zone;
    }

    /** Shows a cluster's history ({@code ClusterHistory.entries()}). */
    public void setData(String scope, List<HistoryEntry> entries) {
        this.scope.set(scope);
        // The main window calls this on every applied snapshot; only a real change may rebuild the list.
        if (!this.entries.get().equals(entries)) {
            this.entries.set(List.copyOf(entries));
        }
    }

    public ReadOnlyObjectProperty<String> scopeProperty() {
        return scope.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<HistoryEntry>> entriesProperty() {
        return entries.getReadOnlyProperty();
    }

    public ZoneId zone() {
        return zone;
    }
}
