package io.pilothouse.services.locks;

/** {@link OperationLock#NONE}: a lock that always succeeds, for sources that have no etcd to share a lock in. */
final class NoOperationLock implements OperationLock {

    @Override
    public Held acquire(String scope, String operation) {
        LockKeys.requireScope(scope);
        String key = "none:" + scope;
        return new Held() {
            @Override
            public String key() {
                return key;
            }

            @Override
            public void close() {
                // Nothing was taken, so nothing to give back.
            }
        };
    }

    @Override
    public String toString() {
        return "OperationLock.NONE";
    }
}
