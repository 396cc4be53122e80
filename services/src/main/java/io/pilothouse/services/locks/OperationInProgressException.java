package io.pilothouse.services.locks;

import java.time.Duration;

/**
 * Someone else holds the operation lock of a cluster. The message is written for the operator: who, what, since
 * when, and what to do.
 */
public final class OperationInProgressException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient LockHolder holder;

    /**
     * @param scope  the cluster
     * @param holder who holds the lock, or null if the key's value could not be read
     * @param expiry how long the lock outlives a dead holder (its lease's TTL)
     */
    public OperationInProgressException(String scope, LockHolder holder, Duration expiry) {
        super(message(scope, holder, expiry));
        this.holder = holder;
    }

    /** Who holds the lock; null when the lock key's value is not a holder Pilothouse wrote. */
    public LockHolder holder() {
        return holder;
    }

    private static String message(String scope, LockHolder holder, Duration expiry) {
        String what = holder == null
                ? "an operation on " + scope + " is in progress by an unknown holder"
                : holder.operation() + " on " + scope + " in progress by " + holder.describe() + " since "
                        + holder.since();
        return what + "; wait for it to finish, or if that Pilothouse died the lock expires within "
                + expiry.toSeconds() + " s";
    }
}
