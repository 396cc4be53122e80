/**
 * The switchover / failover wizard: pick a candidate from the pre-check matrix, confirm by typing the cluster's
 * name, watch the progress, read the verification report. The app supplies the work through
 * {@link io.pilothouse.views.switchover.LeaderChangeActions}; nothing here does I/O.
 */
package io.pilothouse.views.switchover;
