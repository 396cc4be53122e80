/**
 * What one PostgreSQL node is doing right now: its sessions by state, what they wait for, who blocks whom
 * ({@code pg_blocking_pids}), long and idle-in-transaction sessions, advisory locks with holder and waiters,
 * connections against {@code max_connections}, and transactions and WAL per second sampled over time. Reading is
 * read-only and bounded by a statement timeout; a node that cannot be read is reported as such, never as an empty
 * node. Cancelling and terminating a backend ({@link io.pilothouse.services.activity.BackendSignals}) go through the
 * operation guard: audited, refused in a read-only workspace, under the cluster's operation lock.
 */
package io.pilothouse.services.activity;
