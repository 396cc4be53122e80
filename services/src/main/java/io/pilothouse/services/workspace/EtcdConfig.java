package io.pilothouse.services.workspace;

import java.util.List;

/**
 * etcd v3 endpoints and the Patroni namespace under which every scope is discovered.
 *
 * @param endpoints client URLs, e.g. {@code http://127.0.0.1:2379}
 * @param namespace Patroni namespace, default {@code /service/}
 */
public record EtcdConfig(List<String> endpoints, String namespace) {

    /** Patroni's default namespace. */
    public static final String DEFAULT_NAMESPACE = "/service/";

    public EtcdConfig {
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
        namespace = normalise(namespace);
    }

    /** {@code service} → {@code /service/}; null or blank → the default. */
    public static String normalise(String ns) {
        if (ns == null || ns.isBlank()) {
            return DEFAULT_NAMESPACE;
        }
        String n = ns.trim();
        if (!n.startsWith("/")) {
            n = "/" + n;
        }
        if (!n.endsWith("/")) {
            n = n + "/";
        }
        return n;
    }
}
