/**
 * The resharding wizard: choose to move a partition or to split a hash partition in two, and a target node from the
 * shard map; preview the plan with its guard-rails and every statement, confirm by typing the partition's name, watch
 * the copy and catch-up, read the cutover and verification, then drop a move's kept source (a split keeps none), or
 * resume / roll back a move or split that stopped. The app runs the {@code ReshardService} behind
 * {@link io.pilothouse.views.reshard.ReshardActions}; nothing here does I/O.
 */
package io.pilothouse.views.reshard;
