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
 * @param cacert     PEM file of the CA that signed etcd's server certificate ({@code https} endpoints), or null for
 *                   the JDK's trust store; the host name is always verified
 * @param cert       PEM client certificate for etcd's {@code --client-cert-auth}, or null
 * @param key        the client certificate's private key, PEM (PKCS#8), or null
 * @param user       etcd user (etcd auth enabled), or null; its password comes from a pgpass line for database
 *                   {@value #PASSWORD_DATABASE} ({@code host:port:etcd:user:secret}) or the keyring, never from here
 */
public record EtcdConfig(List<String> endpoints, String namespace,
                         // Left out of saved files while it is the default: a person would not write it.
                         @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = DefaultLockPrefix.class)
                         String lockPrefix, String cacert, String cert, String key, String user) {

    /** The pgpass "database" field of etcd passwords. */
    public static final String PASSWORD_DATABASE = "etcd";

    /** Patroni's default namespace. */
    public static final String DEFAULT_NAMESPACE = "/service/";

    /** Default prefix of Pilothouse's operation locks: outside Patroni's default namespace. */
    public static final String DEFAULT_LOCK_PREFIX = "/pilothouse/locks/";

    public EtcdConfig {
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
        namespace = normalise(namespace);
        lockPrefix = normalise(lockPrefix, DEFAULT_LOCK_PREFIX);
        cacert = blankToNull(cacert);
        cert = blankToNull(cert);
        key = blankToNull(key);
        user = blankToNull(user);
    }

    /** Without TLS files or user. */
    public EtcdConfig(List<String> endpoints, String namespace, String lockPrefix) {
        this(endpoints, namespace, lockPrefix, null, null, null, null);
    }

    /** True when any endpoint is {@code https}. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean usesTls() {
        return endpoints.stream().anyMatch(e -> e.regionMatches(true, 0, "https://", 0, 8));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
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
