package io.pilothouse.services.etcd;

import io.pilothouse.services.model.SourceStatus;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** What an etcd reader told its listener: the clusters it sees, their leader leases, and every source status. */
final class DcsRecorder implements EtcdNamespaceWatcher.Listener {
    final Map<String, DcsView> views = new ConcurrentHashMap<>();
    final Map<String, Long> leases = new ConcurrentHashMap<>();
    final List<SourceStatus> statuses = new CopyOnWriteArrayList<>();

    @Override
    public void clusterChanged(DcsView view) {
        views.put(view.cluster(), view);
    }

    @Override
    public void clusterRemoved(String cluster) {
        views.remove(cluster);
    }

    @Override
    public void status(SourceStatus status) {
        statuses.add(status);
    }

    @Override
    public void leaderLease(String cluster, Long secondsLeft) {
        if (secondsLeft != null) {
            leases.put(cluster, secondsLeft);
        }
    }
}
