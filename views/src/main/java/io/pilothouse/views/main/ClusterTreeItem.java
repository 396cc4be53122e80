package io.pilothouse.views.main;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.TreeItem;

/**
 * A cluster row of the workspace tree whose state changes through its own property, never through
 * {@link TreeItem#setValue}: a value change makes the {@code TreeView} rebuild every visible cell, and on an estate
 * of hundreds of clusters, each changing every few seconds, that rebuilt the whole tree every frame. Its value stays
 * the node it was created with (the cluster's key does not change); cells follow {@link #stateProperty()}.
 */
final class ClusterTreeItem extends TreeItem<WorkspaceNode> {

    private final ReadOnlyObjectWrapper<WorkspaceNode.Cluster> state;

    ClusterTreeItem(WorkspaceNode.Cluster cluster) {
        super(cluster);
        state = new ReadOnlyObjectWrapper<>(this, "state", cluster);
    }

    /** The cluster's current health, alerts and member count. */
    ReadOnlyObjectProperty<WorkspaceNode.Cluster> stateProperty() {
        return state.getReadOnlyProperty();
    }

    WorkspaceNode.Cluster state() {
        return state.get();
    }

    /** Shows {@code next}; does nothing when it equals what is shown. */
    void update(WorkspaceNode.Cluster next) {
        if (!next.equals(state.get())) {
            state.set(next);
        }
    }

    ClusterKey key() {
        return state.get().key();
    }
}
