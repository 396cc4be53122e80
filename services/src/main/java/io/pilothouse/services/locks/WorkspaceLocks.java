package io.pilothouse.services.locks;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.workspace.SourceConfig;
import io.pilothouse.services.workspace.Workspace;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The operation lock of each cluster of a workspace: an etcd lock for clusters found through etcd (one client per
 * source, opened on first use), {@link OperationLock#NONE} for the others. Close it with the session.
 */
public final class WorkspaceLocks implements AutoCloseable {

    private final Workspace workspace;
    private final Duration ttl;
    private final Map<String, EtcdOperationLock> bySource = new ConcurrentHashMap<>();

    public WorkspaceLocks(Workspace workspace, Duration ttl) {
        this.workspace = workspace;
        this.ttl = ttl;
    }

    /** The lock for {@code cluster}'s source. */
    public OperationLock lockFor(ClusterSnapshot cluster) {
        SourceConfig source = workspace.sources().stream().filter(s -> s.name().equals(cluster.source()))
                .findFirst().orElse(null);
        if (source == null || source.etcd() == null || source.etcd().endpoints().isEmpty()) {
            return OperationLock.NONE;
        }
        return bySource.computeIfAbsent(source.name(), n -> EtcdOperationLock.open(source.etcd(), ttl));
    }

    @Override
    public void close() {
        bySource.values().forEach(EtcdOperationLock::close);
        bySource.clear();
    }
}
