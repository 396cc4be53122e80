package io.pilothouse.services.locks;

import io.pilothouse.services.workspace.EtcdConfig;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Turns a scope into an etcd key under the lock prefix. The scope comes from cluster data (or a user), so it is
 * URL-encoded: {@code a/b}, spaces and Unicode become one flat key segment and can never reach another prefix —
 * least of all Patroni's namespace.
 */
final class LockKeys {

    private LockKeys() {
    }

    /** {@code prefix} (normalised, ending in {@code /}) followed by the encoded scope. */
    static String key(String prefix, String scope) {
        return prefix + URLEncoder.encode(requireScope(scope), StandardCharsets.UTF_8);
    }

    /** A lock on the empty scope would be the prefix itself: a caller bug, not a cluster. */
    static String requireScope(String scope) {
        if (scope == null || scope.isEmpty()) {
            throw new IllegalArgumentException("an operation lock needs a scope (the cluster name), got "
                    + (scope == null ? "null" : "an empty string"));
        }
        return scope;
    }

    /** Refuses a lock prefix overlapping the Patroni namespace: our keys would pass for cluster keys. */
    static void requireOutsideNamespace(EtcdConfig etcd) {
        if (EtcdConfig.overlap(etcd.lockPrefix(), etcd.namespace())) {
            throw new IllegalArgumentException("lock prefix " + etcd.lockPrefix() + " overlaps the Patroni namespace "
                    + etcd.namespace() + "; choose a lock prefix outside it, e.g. " + EtcdConfig.DEFAULT_LOCK_PREFIX);
        }
    }
}
