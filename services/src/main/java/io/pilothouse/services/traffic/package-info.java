/**
 * The traffic layer in front of each cluster: HAProxy (stats CSV), PgBouncer (admin console) and Pgpool-II
 * ({@code SHOW POOL_NODES}), read every few seconds off the FX thread into immutable {@link
 * io.pilothouse.services.traffic.TrafficSnapshot}s. Every entry point is joined to the live model by address and
 * verified by connecting through it and asking the server's system identifier and {@code pg_is_in_recovery()};
 * disagreements become {@link io.pilothouse.services.model.TrafficProblem}s. Depends on the model, the workspace and
 * PostgreSQL connection helpers only.
 */
package io.pilothouse.services.traffic;
