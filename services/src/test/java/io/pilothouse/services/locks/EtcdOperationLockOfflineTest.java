package io.pilothouse.services.locks;

import io.pilothouse.services.workspace.EtcdConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the locks do without a running etcd: refusals, messages, the JSON value, {@link OperationLock#NONE}. */
class EtcdOperationLockOfflineTest {

    @Test
    void unreachableEtcdRefusesWithinSecondsAndSaysTheOperationWasNotStarted() throws IOException {
        String url = "http://127.0.0.1:" + closedPort();
        try (EtcdOperationLock locks = EtcdOperationLock.open(new EtcdConfig(List.of(url), null), null)) {
            long start = System.nanoTime();

            assertThatThrownBy(() -> locks.acquire("demo", "switchover"))
                    .isInstanceOf(LockUnavailableException.class)
                    .hasMessageContaining("etcd at " + url + " is unreachable")
                    .hasMessageContaining("the operation was not started");

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
        }
    }

    @Test
    void lockPrefixOverlappingTheNamespaceIsRefused() {
        EtcdConfig inside = new EtcdConfig(List.of("http://127.0.0.1:2379"), "/service/", "/service/locks/");
        EtcdConfig around = new EtcdConfig(List.of("http://127.0.0.1:2379"), "/pilothouse/locks/prod", null);

        assertThatThrownBy(() -> EtcdOperationLock.open(inside, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("overlaps the Patroni namespace /service/");
        assertThatThrownBy(() -> EtcdOperationLock.open(around, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("overlaps the Patroni namespace /pilothouse/locks/prod/");
    }

    @Test
    void emptyScopeIsRefusedBeforeEtcdIsAsked() throws IOException {
        String url = "http://127.0.0.1:" + closedPort();
        try (EtcdOperationLock locks = EtcdOperationLock.open(new EtcdConfig(List.of(url), null), null)) {
            assertThatThrownBy(() -> locks.acquire("", "switchover")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> locks.acquire(null, "switchover")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void inProgressMessageNamesWhoWhatSinceWhenAndWhatToDo() {
        LockHolder alice = new LockHolder("alice", "host1", 1234, "switchover", Instant.parse("2026-11-21T10:00:00Z"));

        OperationInProgressException e = new OperationInProgressException("demo", alice, Duration.ofSeconds(15));

        assertThat(e.getMessage()).isEqualTo("switchover on demo in progress by alice@host1 (pid 1234) since "
                + "2026-11-21T10:00:00Z; wait for it to finish, or if that Pilothouse died the lock expires within 15 s");
        assertThat(e.holder()).isEqualTo(alice);
    }

    @Test
    void holderSurvivesTheJsonRoundTripAndGarbageIsNoHolder() {
        LockHolder holder = LockHolder.current("restart");

        String json = holder.toJson();

        assertThat(json).contains("\"operation\":\"restart\"").contains("\"since\":\"" + holder.since() + "\"");
        assertThat(LockHolder.fromJson(json)).contains(holder);
        assertThat(holder.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(holder.user()).isEqualTo(System.getProperty("user.name"));
        assertThat(LockHolder.fromJson("not json")).isEmpty();
        assertThat(LockHolder.fromJson("{}")).isEmpty();
        assertThat(LockHolder.fromJson("{\"user\":\"bob\",\"host\":\"h\",\"pid\":7,\"operation\":\"restart\","
                + "\"since\":\"2026-11-21T10:00:00Z\",\"addedLater\":1}")).isPresent();
    }

    @Test
    void noneAlwaysAcquires() throws Exception {
        try (OperationLock.Held first = OperationLock.NONE.acquire("demo", "switchover");
             OperationLock.Held second = OperationLock.NONE.acquire("demo", "restart")) {
            assertThat(first.key()).isEqualTo("none:demo");
            assertThat(second.key()).isEqualTo("none:demo");
        }
    }

    /** A port nobody listens on: bound, then released. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
