/**
 * The resharding wizard: choose a partition and a target node from the shard map, preview the plan with its
 * guard-rails and every statement, confirm by typing the partition's name, watch the copy and catch-up, read the
 * cutover and verification, then drop the kept source, or resume / roll back a move that stopped. The app runs the
 * {@code ReshardService} behind {@link io.pilothouse.views.reshard.ReshardActions}; nothing here does I/O.
 */
package io.pilothouse.views.reshard;
