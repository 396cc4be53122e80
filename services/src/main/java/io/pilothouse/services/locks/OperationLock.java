package io.pilothouse.services.locks;

/**
 * An advisory lock around a mutating operation (switchover, restart…) on one cluster, so that a second operator —
 * another Pilothouse window or machine — is told "operation in progress by X" and refused, instead of racing the
 * first. Advisory: Patroni itself knows nothing of it.
 *
 * <pre>{@code
 * try (OperationLock.Held held = locks.acquire("demo", "switchover")) {
 *     ... run the switchover ...
 * }
 * }</pre>
 */
public interface OperationLock {

    /** Never contended: for sources without etcd, where there is nowhere to share a lock. */
    OperationLock NONE = new NoOperationLock();

    /**
     * Takes the lock for {@code scope} (a cluster name) for {@code operation} (e.g. {@code switchover}).
     *
     * @throws OperationInProgressException if someone else holds it; the message names who, since when and what
     * @throws LockUnavailableException     if the lock store cannot be reached; the operation must not be started
     * @throws IllegalArgumentException     if {@code scope} is null or empty
     */
    Held acquire(String scope, String operation) throws OperationInProgressException, LockUnavailableException;

    /** A lock that is held until closed. Closing more than once is harmless. */
    interface Held extends AutoCloseable {

        /** Where the lock lives (the etcd key), for logs and messages. */
        String key();

        /** Releases the lock if it is still ours; never throws (problems are logged). */
        @Override
        void close();
    }
}
