package io.pilothouse.views.slots;

import io.pilothouse.services.model.NodeSlots;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * What the slots view shows: immutable probe results per node, which node leads (its archiver is shown), and the
 * time "inactive since" ages are measured against. Fed with {@link #setData}; FX thread only.
 */
public final class SlotsViewModel {

    private final ReadOnlyObjectWrapper<List<NodeSlots>> nodes = new ReadOnlyObjectWrapper<>(this, "nodes", List.of());
    private final ReadOnlyObjectWrapper<String> leader = new ReadOnlyObjectWrapper<>(this, "leader");
    private final ReadOnlyObjectWrapper<Instant> now = new ReadOnlyObjectWrapper<>(this, "now", Instant.EPOCH);
    private final ZoneId zone;

    /** @param zone time zone for clock times */
    public SlotsViewModel(ZoneId zone) {
        this.zone = zone;
    }

    /**
     * Shows new data.
     *
     * @param nodes  one probe result per node, leader first preferably (the view keeps this order)
     * @param leader the leader's member name, or null when there is none
     * @param now    the current time
     */
    public void setData(List<NodeSlots> nodes, String leader, Instant now) {
        boolean leaderChanged = !java.util.Objects.equals(this.leader.get(), leader);
        this.leader.set(leader);
        this.now.set(now);
        // Set last: listeners on nodes see the matching leader and time. The main window calls this on every
        // applied snapshot; slot data changes every few seconds, and only then may the tables be rebuilt.
        if (leaderChanged || !this.nodes.get().equals(nodes)) {
            this.nodes.set(List.copyOf(nodes));
        }
    }

    public ReadOnlyObjectProperty<List<NodeSlots>> nodesProperty() {
        return nodes.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<String> leaderProperty() {
        return leader.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Instant> nowProperty() {
        return now.getReadOnlyProperty();
    }

    public ZoneId zone() {
        return zone;
    }
}
