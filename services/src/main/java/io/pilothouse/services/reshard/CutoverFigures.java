package io.pilothouse.services.reshard;

/**
 * What the cutover cost.
 *
 * @param attempts       cutovers tried (a lock wait past {@code lock_timeout} gives up and tries again)
 * @param lockWaitMillis time spent waiting for the write locks in the attempt that succeeded
 * @param catchUpMillis  time from holding the locks until the target had applied everything before them
 * @param blockedMillis  time writes to the parent table were blocked on the coordinator: from asking for the lock
 *                       until the switch committed
 */
public record CutoverFigures(int attempts, long lockWaitMillis, long catchUpMillis, long blockedMillis) {
}
