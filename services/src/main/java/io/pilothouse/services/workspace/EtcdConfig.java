package io.pilothouse.services.workspace;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * etcd v3 endpoints, the Patroni namespace under which every scope is discovered, and the prefix under which
 * Pilothouse keeps its own operation locks.
 *
 * @param endpoints  client URLs, e.g. {@code http://127.0.0.1:2379}
 * @param namespace  Patroni namespace, default {@code /service/}
 * @param lockPrefix where operation locks live, default {@code /pilothouse/locks/}; must not overlap the namespace,
 *                   or Patroni (and our watcher) would see our keys as cluster keys
 */
public record EtcdConfig(List<String> endpoints, String namespace,
                         // Left out of saved files while it is the default: a person would not write it.
                         @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = DefaultLockPrefix.class)
                         String lockPrefix) {

    /** Patroni's default namespace. */
    public static final String DEFAULT_NAMESPACE = "/service/";

    /** Default prefix of Pilothouse's operation locks: outside Patroni's default namespace. */
    public static final String DEFAULT_LOCK_PREFIX = "/pilothouse/locks/";

    public EtcdConfig {
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
        namespace = normalise(namespace);
        lockPrefix = normalise(lockPrefix, DEFAULT_LOCK_PREFIX);
    }

    /** With the default lock prefix. */
    public EtcdConfig(List<String> endpoints, String namespace) {
        this(endpoints, namespace, null);
    }

    /** {@code service} → {@code /service/}; null or blank → the default. */
    public static String normalise(String ns) {
        return normalise(ns, DEFAULT_NAMESPACE);
    }

    /** True when one of the two normalised prefixes contains the other, so their keys could mix. */
    public static boolean overlap(String prefixA, String prefixB) {
        return prefixA.startsWith(prefixB) || prefixB.startsWith(prefixA);
    }

    private static String normalise(String prefix, String fallback) {
        if (prefix == null || prefix.isBlank()) {
            return fallback;
        }
        String n = prefix.trim();
        if (!n.startsWith("/")) {
            n = "/" + n;
        }
        if (!n.endsWith("/")) {
            n = n + "/";
        }
        return n;
    }

    /** Jackson's "leave out" filter for {@link #lockPrefix}: true (exclude) for the default. */
    static final class DefaultLockPrefix {
        @Override
        public boolean equals(Object value) {
            return value == null || DEFAULT_LOCK_PREFIX.equals(value);
        }

        @Override
        public int hashCode() {
            return DEFAULT_LOCK_PREFIX.hashCode();
        }
    }
}
