package io.pilothouse.services.locks;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.lease.LeaseKeepAliveResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.support.CloseableClient;
import io.grpc.stub.StreamObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One lock taken in etcd: keeps its lease alive while held, and on close deletes the key only if it is still the
 * one we created, then revokes the lease.
 */
final class EtcdHeldLock implements OperationLock.Held {

    private static final Logger LOG = LoggerFactory.getLogger(EtcdHeldLock.class);

    private final EtcdOperationLock owner;
    private final String key;
    private final long lease;
    private final long createRevision;
    private final AtomicBoolean released = new AtomicBoolean();
    private final CloseableClient keepAlive;

    EtcdHeldLock(EtcdOperationLock owner, String key, long lease, long createRevision) {
        this.owner = owner;
        this.key = key;
        this.lease = lease;
        this.createRevision = createRevision;
        this.keepAlive = owner.client().getLeaseClient().keepAlive(lease, new KeepAliveObserver());
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public void close() {
        if (!released.compareAndSet(false, true)) {
            return;
        }
        owner.forget(this);
        closeKeepAlive();
        ByteSequence k = EtcdOperationLock.bytes(key);
        try {
            TxnResponse txn = owner.call("release the lock " + key, owner.client().getKVClient().txn()
                    .If(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.createRevision(createRevision)))
                    .Then(Op.delete(k, DeleteOption.DEFAULT))
                    .commit());
            if (txn.isSucceeded()) {
                LOG.info("Released operation lock {}", key);
            } else {
                LOG.warn("Operation lock {} was no longer ours when released (it expired or was deleted, and may "
                        + "now be someone else's); left it alone", key);
            }
        } catch (LockUnavailableException | RuntimeException e) {
            // etcd is not answering: revoking would time out as well. The lease is no longer kept alive.
            LOG.warn("Could not release operation lock {}; it expires by itself once its lease runs out: {}", key,
                    e.getMessage());
            return;
        }
        owner.revokeQuietly(lease);
    }

    @Override
    public String toString() {
        return "EtcdHeldLock[" + key + ", lease " + Long.toHexString(lease) + "]";
    }

    private void closeKeepAlive() {
        try {
            keepAlive.close();
        } catch (RuntimeException e) {
            LOG.warn("Could not stop the keep-alive of lock {}: {}", key, e.getMessage());
        }
    }

    /** Runs on a gRPC thread. A lost keep-alive means the lock may expire under a running operation: say so. */
    private final class KeepAliveObserver implements StreamObserver<LeaseKeepAliveResponse> {
        @Override
        public void onNext(LeaseKeepAliveResponse response) {
            LOG.trace("Lock {} kept alive, TTL {} s", key, response.getTTL());
        }

        @Override
        public void onError(Throwable error) {
            if (!released.get()) {
                LOG.warn("Keep-alive of operation lock {} failed; the lock expires if etcd stays unreachable, and "
                        + "another operator could then start an operation: {}", key, error.getMessage());
            }
        }

        @Override
        public void onCompleted() {
            if (!released.get()) {
                LOG.warn("Keep-alive of operation lock {} ended while it was held", key);
            }
        }
    }
}
