package io.pilothouse.services.locks;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.LeaseOption;
import io.etcd.jetcd.options.PutOption;
import io.pilothouse.services.workspace.EtcdConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Operation locks in etcd: one key per cluster under the lock prefix, attached to a lease that this process keeps
 * alive. Taking the lock is one transaction ("create if absent"), so two operators can never both win; if this
 * process dies, the lease is no longer renewed and etcd deletes the key within the TTL, so a crash never leaves a
 * cluster locked for good.
 *
 * <p>Every etcd call waits at most a few seconds: an unreachable etcd gives a {@link LockUnavailableException},
 * never a hang. Thread-safe. {@link #close()} releases the locks still held and closes the etcd client.
 */
public final class EtcdOperationLock implements OperationLock, AutoCloseable {

    /** How long a lock outlives a dead holder. */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(15);

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(4);
    private static final Duration MAX_TIMEOUT = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(EtcdOperationLock.class);

    private final Client client;
    private final List<String> endpoints;
    private final String prefix;
    private final long ttlSeconds;
    private final Duration timeout;
    private final Set<EtcdHeldLock> held = ConcurrentHashMap.newKeySet();
    private boolean closed;

    private EtcdOperationLock(Client client, List<String> endpoints, String prefix, long ttlSeconds,
                              Duration timeout) {
        this.client = client;
        this.endpoints = endpoints;
        this.prefix = prefix;
        this.ttlSeconds = ttlSeconds;
        this.timeout = timeout;
    }

    /**
     * Opens a lock store on {@code etcd}'s endpoints, with its own etcd client (closed by {@link #close()}).
     * Does not contact etcd yet.
     *
     * @param ttl how long a lock outlives a dead holder, whole seconds, at least 2 (etcd's minimum); null for
     *            {@link #DEFAULT_TTL}
     * @throws IllegalArgumentException if there is no endpoint, the TTL is too short, or the lock prefix overlaps
     *                                  the Patroni namespace
     */
    public static EtcdOperationLock open(EtcdConfig etcd, Duration ttl) {
        return open(etcd, ttl, DEFAULT_TIMEOUT, io.pilothouse.services.etcd.EtcdClients.EtcdPassword.NONE);
    }

    /** As {@link #open(EtcdConfig, Duration)}, the etcd user's password (if {@code etcd.user} is set) from {@code passwords}. */
    public static EtcdOperationLock open(EtcdConfig etcd, Duration ttl,
                                         io.pilothouse.services.etcd.EtcdClients.EtcdPassword passwords) {
        return open(etcd, ttl, DEFAULT_TIMEOUT, passwords);
    }

    static EtcdOperationLock open(EtcdConfig etcd, Duration ttl, Duration timeout) {
        return open(etcd, ttl, timeout, io.pilothouse.services.etcd.EtcdClients.EtcdPassword.NONE);
    }

    static EtcdOperationLock open(EtcdConfig etcd, Duration ttl, Duration timeout,
                                  io.pilothouse.services.etcd.EtcdClients.EtcdPassword passwords) {
        Objects.requireNonNull(etcd, "etcd");
        if (etcd.endpoints().isEmpty()) {
            throw new IllegalArgumentException("an etcd operation lock needs at least one etcd endpoint");
        }
        LockKeys.requireOutsideNamespace(etcd);
        Duration lockTtl = ttl == null ? DEFAULT_TTL : ttl;
        if (lockTtl.toSeconds() < 2) {
            throw new IllegalArgumentException("lock TTL " + lockTtl + " is too short; etcd needs at least 2 s");
        }
        Duration callTimeout = timeout.compareTo(MAX_TIMEOUT) > 0 ? MAX_TIMEOUT : timeout;
        ClientBuilder builder = io.pilothouse.services.etcd.EtcdClients.builder(etcd, callTimeout, passwords);
        return new EtcdOperationLock(builder.build(), etcd.endpoints(), etcd.lockPrefix(), lockTtl.toSeconds(),
                callTimeout);
    }

    @Override
    public Held acquire(String scope, String operation) throws OperationInProgressException, LockUnavailableException {
        String key = keyFor(scope);
        Objects.requireNonNull(operation, "operation");
        ensureOpen();
        ByteSequence k = bytes(key);
        long lease = call("grant a lease", client.getLeaseClient().grant(ttlSeconds)).getID();
        boolean taken = false;
        try {
            TxnResponse txn = call("take the lock " + key, client.getKVClient().txn()
                    .If(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.createRevision(0)))
                    .Then(Op.put(k, bytes(LockHolder.current(operation).toJson()),
                            PutOption.builder().withLeaseId(lease).build()))
                    .Else(Op.get(k, GetOption.DEFAULT))
                    .commit());
            if (!txn.isSucceeded()) {
                throw inProgress(scope, txn.getGetResponses());
            }
            // The put's revision is the key's create revision: release compares it, so a key re-created by
            // someone else after ours vanished is never deleted by us.
            EtcdHeldLock lock = new EtcdHeldLock(this, key, lease, txn.getHeader().getRevision());
            register(lock);
            taken = true;
            LOG.info("Took operation lock {} for {}", key, operation);
            return lock;
        } finally {
            if (!taken) {
                // Not ours (or unknown, after a timeout): revoking the lease removes any key we may have written.
                revokeQuietly(lease);
            }
        }
    }

    /**
     * Every lock key under the prefix, as a running operation (another operator's, or ours: the registry tells
     * them apart by holder).
     *
     * @throws LockUnavailableException when etcd does not answer within the call timeout
     */
    public List<RunningOperation> held() throws LockUnavailableException {
        ensureOpen();
        GetResponse all = call("list the operation locks", client.getKVClient().get(bytes(prefix),
                GetOption.builder().isPrefix(true).build()));
        List<RunningOperation> out = new java.util.ArrayList<>();
        for (KeyValue kv : all.getKvs()) {
            String key = kv.getKey().toString(StandardCharsets.UTF_8);
            String scope = java.net.URLDecoder.decode(key.substring(prefix.length()), StandardCharsets.UTF_8);
            LockHolder h = LockHolder.fromJson(kv.getValue().toString(StandardCharsets.UTF_8)).orElse(null);
            out.add(new RunningOperation(key, scope, h == null ? "operation" : h.operation(), null,
                    RunningOperation.Origin.OTHER_OPERATOR, h == null ? "an unknown holder" : h.describe(),
                    h == null ? java.time.Instant.EPOCH : h.since(), "operation lock " + key, null, null));
        }
        return out;
    }

    /** Releases every lock still held, then closes the etcd client. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        held.forEach(EtcdHeldLock::close);
        client.close();
    }

    @Override
    public String toString() {
        return "EtcdOperationLock[" + describe() + " " + prefix + "]";
    }

    /** The key that locks {@code scope}. */
    String keyFor(String scope) {
        return LockKeys.key(prefix, scope);
    }

    Client client() {
        return client;
    }

    void forget(EtcdHeldLock lock) {
        held.remove(lock);
    }

    /** Waits at most the call timeout for {@code future}; any failure means etcd cannot be relied on. */
    <T> T call(String what, CompletableFuture<T> future) throws LockUnavailableException {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new LockUnavailableException("etcd at " + describe() + " is unreachable (no answer within "
                    + timeout.toSeconds() + " s when trying to " + what + "); the operation was not started. "
                    + "Check that etcd is running and reachable from this machine, then try again", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (String.valueOf(cause.getMessage()).contains("PERMISSION_DENIED")) {
                // A least-privilege (read-only) etcd user: it may watch, not operate. Not an outage: say so.
                throw new LockUnavailableException("etcd at " + describe() + " refused to " + what
                        + ": permission denied; the operation was not started. The workspace's etcd user may read "
                        + "but not write the lock prefix: operate with a user whose role has readwrite on it", cause);
            }
            throw new LockUnavailableException("etcd at " + describe() + " is unreachable or refused to " + what
                    + " (" + cause.getMessage() + "); the operation was not started. Check that etcd is running "
                    + "and reachable from this machine, then try again", cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new LockUnavailableException("interrupted while asking etcd at " + describe() + " to " + what
                    + "; the operation was not started", e);
        }
    }

    void revokeQuietly(long lease) {
        try {
            call("revoke lease " + Long.toHexString(lease), client.getLeaseClient().revoke(lease));
        } catch (LockUnavailableException | RuntimeException e) {
            LOG.warn("Could not revoke lease {}; it expires by itself within {} s: {}", Long.toHexString(lease),
                    ttlSeconds, e.getMessage());
        }
    }

    private synchronized void register(EtcdHeldLock lock) {
        if (closed) {
            // close() ran while we were taking it: nobody would ever release it.
            lock.close();
            throw new IllegalStateException("the operation lock store was closed");
        }
        held.add(lock);
    }

    private synchronized void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the operation lock store was closed");
        }
    }

    private OperationInProgressException inProgress(String scope, List<GetResponse> gets) {
        List<KeyValue> kvs = gets.isEmpty() ? List.of() : gets.get(0).getKvs();
        if (kvs.isEmpty()) {
            // Cannot happen inside one transaction, but a clear refusal beats a wrong "go ahead".
            return new OperationInProgressException(scope, null, Duration.ofSeconds(ttlSeconds));
        }
        KeyValue kv = kvs.get(0);
        LockHolder holder = LockHolder.fromJson(kv.getValue().toString(StandardCharsets.UTF_8)).orElse(null);
        return new OperationInProgressException(scope, holder, holderTtl(kv.getLease()));
    }

    /** The TTL the holder chose, so "expires within N s" is true whatever its setting; ours if etcd won't say. */
    private Duration holderTtl(long lease) {
        if (lease != 0) {
            try {
                long granted = call("read the holder's lease", client.getLeaseClient()
                        .timeToLive(lease, LeaseOption.DEFAULT)).getGrantedTTL();
                if (granted > 0) {
                    return Duration.ofSeconds(granted);
                }
            } catch (LockUnavailableException | RuntimeException e) {
                LOG.debug("Could not read lease {}: {}", Long.toHexString(lease), e.getMessage());
            }
        }
        return Duration.ofSeconds(ttlSeconds);
    }

    private String describe() {
        return String.join(",", endpoints);
    }

    static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }
}
