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

    private final java.util.function.Function<SourceConfig, io.pilothouse.services.etcd.EtcdClients.EtcdPassword>
            passwords;

    public WorkspaceLocks(Workspace workspace, Duration ttl) {
        this(workspace, ttl, s -> io.pilothouse.services.etcd.EtcdClients.EtcdPassword.NONE);
    }

    /** With each source's etcd user password from {@code passwords}. */
    public WorkspaceLocks(Workspace workspace, Duration ttl, java.util.function.Function<SourceConfig,
            io.pilothouse.services.etcd.EtcdClients.EtcdPassword> passwords) {
        this.workspace = workspace;
        this.ttl = ttl;
        this.passwords = passwords;
    }

    /** The lock for {@code cluster}'s source. */
    public OperationLock lockFor(ClusterSnapshot cluster) {
        SourceConfig source = workspace.sources().stream().filter(s -> s.name().equals(cluster.source()))
                .findFirst().orElse(null);
        if (source == null || source.etcd() == null || source.etcd().endpoints().isEmpty()) {
            return OperationLock.NONE;
        }
        return bySource.computeIfAbsent(source.name(), n -> EtcdOperationLock.open(source.etcd(), ttl, passwords.apply(source)));
    }

    /**
     * The locks held in every etcd source of the workspace, as running operations; a source whose etcd does not
     * answer is left out (its operations cannot be seen, and an operation there is refused by its own lock anyway).
     */
    public java.util.List<RunningOperation> held() {
        java.util.List<RunningOperation> out = new java.util.ArrayList<>();
        if (closed) {
            return out; // a listing that was already under way when the session closed must not reopen a client
        }
        for (SourceConfig source : workspace.sources()) {
            if (source.etcd() == null || source.etcd().endpoints().isEmpty()) {
                continue;
            }
            try {
                out.addAll(bySource.computeIfAbsent(source.name(), n -> EtcdOperationLock.open(source.etcd(), ttl, passwords.apply(source)))
                        .held());
            } catch (LockUnavailableException | RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(WorkspaceLocks.class).debug("Cannot list the locks of {}: {}",
                        source.name(), e.getMessage());
            }
        }
        return out;
    }

    private volatile boolean closed;

    @Override
    public void close() {
        closed = true;
        bySource.values().forEach(EtcdOperationLock::close);
        bySource.clear();
    }
}
