/**
 * In-doubt (prepared, two-phase-commit) transactions across the estate: finding the branches on every primary,
 * grouping them into global transactions, advising commit or rollback from evidence, and resolving them.
 *
 * <p>The pure part: {@link io.pilothouse.services.indoubt.GidPatterns} reads a gid (workspace regexes, Citus,
 * pgjdbc XA, the guides' {@code <global-id>_<node-name>}); {@link io.pilothouse.services.indoubt.GlobalTransactionGrouping}
 * groups one scan's {@link io.pilothouse.services.model.PreparedBranch}es into
 * {@link io.pilothouse.services.indoubt.GlobalTransaction}s; {@link io.pilothouse.services.indoubt.Advisor} turns one,
 * with a {@link io.pilothouse.services.indoubt.DecisionRecord}, into {@link io.pilothouse.services.indoubt.Advice}.
 * Decisions are read by a {@link io.pilothouse.services.indoubt.DecisionLookup} (the workspace's query, or Citus's
 * {@code pg_dist_transaction}), read-only. Nothing in the pure part resolves anything.
 */
package io.pilothouse.services.indoubt;
