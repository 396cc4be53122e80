package io.pilothouse.services.traffic;

/** The kinds of traffic-layer component the cockpit reads. */
public enum TrafficComponent {
    /** HAProxy, read through its stats CSV. */
    HAPROXY,
    /** PgBouncer, read through its admin console (virtual database {@code pgbouncer}). */
    PGBOUNCER,
    /** Pgpool-II, read through {@code SHOW POOL_NODES} over a normal connection. */
    PGPOOL;

    /** Lower-case name, for JSON and text ({@code pgbouncer}). */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
