package io.pilothouse.services.locks;

import io.pilothouse.services.workspace.EtcdConfig;

import java.time.Duration;
import java.util.List;

/**
 * A second Pilothouse in a separate JVM: takes a lock, says so on stdout, then waits to be killed. Lets a test
 * kill a real holder with SIGKILL, so nothing in it gets a chance to release the lock.
 *
 * <p>Arguments: etcd URL, scope, TTL in seconds.
 */
public final class LockHolderProcess {

    private LockHolderProcess() {
    }

    public static void main(String[] args) throws Exception {
        EtcdOperationLock locks = EtcdOperationLock.open(new EtcdConfig(List.of(args[0]), null),
                Duration.ofSeconds(Long.parseLong(args[2])));
        OperationLock.Held held = locks.acquire(args[1], "restart");
        System.out.println("HELD " + held.key());
        System.out.flush();
        // Blocks until the test kills us (or closes our stdin by dying itself).
        while (System.in.read() >= 0) {
            // keep waiting
        }
        System.exit(0);
    }
}
