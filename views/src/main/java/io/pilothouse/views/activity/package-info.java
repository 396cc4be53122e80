/**
 * The activity window of one node: sessions by state, top waits, the blocking tree, long and idle-in-transaction
 * sessions, advisory locks, connections against {@code max_connections}, transactions and WAL per second as
 * sparklines, and cancel / terminate of a backend (terminate confirmed by typing its pid; Enter never confirms).
 * Reads and signals go through {@link io.pilothouse.views.activity.ActivityActions}, off the FX thread.
 */
package io.pilothouse.views.activity;
