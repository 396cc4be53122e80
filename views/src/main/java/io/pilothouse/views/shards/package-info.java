/**
 * The shard map: per sharded table, its shards as tiles in one lane per node, sized by bytes, with bounds, rows,
 * write rate, per-node totals, skew, layout problems and each node's HA state from the live model.
 */
package io.pilothouse.views.shards;
