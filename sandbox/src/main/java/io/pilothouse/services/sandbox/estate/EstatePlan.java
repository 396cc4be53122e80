package io.pilothouse.services.sandbox.estate;

/**
 * What an estate simulation writes and how fast.
 *
 * @param etcdUrl   the etcd client URL ({@code http://127.0.0.1:PORT}); TLS sandboxes are refused before this
 * @param namespace Patroni namespace, with leading and trailing slash
 * @param clusters  how many scopes ({@code estate-0001} …)
 * @param members   members per scope
 * @param rate      changes per second after the bootstrap; 0 for none (leases are still kept alive)
 * @param seed      the random seed, so a run can be repeated
 */
public record EstatePlan(String etcdUrl, String namespace, int clusters, int members, double rate, long seed) {

    /** The most clusters one simulation writes. */
    public static final int MAX_CLUSTERS = 5000;
    /** The most members per cluster. */
    public static final int MAX_MEMBERS = 50;
    /** The highest rate, in changes per second. */
    public static final double MAX_RATE = 1000;
    /** Every simulated scope starts with this, so they can be told from real ones (and deleted together). */
    public static final String SCOPE_PREFIX = "estate-";

    public EstatePlan {
        if (clusters < 1 || clusters > MAX_CLUSTERS) {
            throw new IllegalArgumentException("--clusters must be 1 to " + MAX_CLUSTERS + ", not " + clusters);
        }
        if (members < 1 || members > MAX_MEMBERS) {
            throw new IllegalArgumentException("--members must be 1 to " + MAX_MEMBERS + ", not " + members);
        }
        if (!(rate >= 0 && rate <= MAX_RATE)) {
            throw new IllegalArgumentException("--rate must be 0 to " + (int) MAX_RATE + " changes per second, not "
                    + rate);
        }
        if (namespace == null || !namespace.startsWith("/") || !namespace.endsWith("/")) {
            throw new IllegalArgumentException("the namespace must start and end with '/', not " + namespace);
        }
    }

    /** The scope of cluster {@code i} (0-based): {@code estate-0001} for the first. */
    public String scope(int i) {
        return SCOPE_PREFIX + String.format(java.util.Locale.ROOT, "%04d", i + 1);
    }

    /** The key prefix every simulated scope lives under. */
    public String keyPrefix() {
        return namespace + SCOPE_PREFIX;
    }
}
