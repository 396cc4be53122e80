package io.pilothouse.services.locks;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.options.GetOption;
import io.pilothouse.services.sandbox.SandboxInfo;
import io.pilothouse.services.sandbox.SharedSandbox;
import io.pilothouse.services.testing.Await;
import io.pilothouse.services.workspace.EtcdConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The lock against the real etcd of the shared sandbox. Lock keys live outside Patroni's namespace, so the
 * cluster the other test classes read is not disturbed. Each test uses its own scopes.
 */
@Tag("servers")
class EtcdOperationLockTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static SandboxInfo sandbox;
    private static EtcdConfig etcd;
    private static Client raw;

    @BeforeAll
    static void connect() {
        sandbox = SharedSandbox.get();
        etcd = new EtcdConfig(List.of(sandbox.etcdUrl()), sandbox.namespace());
        raw = Client.builder().endpoints(sandbox.etcdUrl()).build();
    }

    @AfterAll
    static void disconnect() {
        if (raw != null) {
            raw.close();
        }
    }

    @Test
    void secondOperatorIsRefusedWithTheHolderNamedUntilTheFirstReleases() throws Exception {
        String scope = unique("demo");
        try (EtcdOperationLock first = EtcdOperationLock.open(etcd, null);
             EtcdOperationLock second = EtcdOperationLock.open(etcd, null)) {
            OperationLock.Held held = first.acquire(scope, "switchover");

            OperationInProgressException refused =
                    catchThrowableOfType(OperationInProgressException.class, () -> second.acquire(scope, "restart"));

            LockHolder holder = refused.holder();
            assertThat(holder.user()).isEqualTo(System.getProperty("user.name"));
            assertThat(holder.host()).isNotBlank();
            assertThat(holder.pid()).isEqualTo(ProcessHandle.current().pid());
            assertThat(holder.operation()).isEqualTo("switchover");
            assertThat(refused.getMessage())
                    .startsWith("switchover on " + scope + " in progress by " + holder.user() + "@" + holder.host()
                            + " (pid " + holder.pid() + ") since " + holder.since())
                    .endsWith("if that Pilothouse died the lock expires within 15 s");

            held.close();
            held.close();

            try (OperationLock.Held mine = second.acquire(scope, "restart")) {
                assertThat(holderAt(mine.key())).map(LockHolder::operation).contains("restart");
            }
            assertThat(value(held.key())).isEmpty();
        }
    }

    @Test
    void lockOfAKilledHolderDisappearsWithinItsTtl() throws Exception {
        String scope = unique("crash");
        long ttlSeconds = 2;
        Process child = startHolderProcess(scope, ttlSeconds);
        try (EtcdOperationLock locks = EtcdOperationLock.open(etcd, null)) {
            String key = awaitHeldLine(child);
            assertThat(key).isEqualTo(locks.keyFor(scope));
            OperationInProgressException refused =
                    catchThrowableOfType(OperationInProgressException.class, () -> locks.acquire(scope, "switchover"));
            assertThat(refused.holder().pid()).isEqualTo(child.pid());
            assertThat(refused.getMessage()).contains("restart on " + scope).endsWith("expires within 2 s");

            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            long killed = System.nanoTime();

            // The lease's TTL, plus etcd's expiry check and loopback latency.
            Await.until(Duration.ofSeconds(ttlSeconds + 3), "the dead holder's lock " + key + " to expire",
                    () -> value(key), Optional::isEmpty);
            System.out.printf("lock expired %d ms after SIGKILL%n", (System.nanoTime() - killed) / 1_000_000);
            try (OperationLock.Held mine = locks.acquire(scope, "switchover")) {
                assertThat(holderAt(mine.key())).map(LockHolder::pid).contains(ProcessHandle.current().pid());
            }
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void heldLockOutlivesSeveralTtlsBecauseItsLeaseIsKeptAlive() throws Exception {
        String scope = unique("long");
        try (EtcdOperationLock locks = EtcdOperationLock.open(etcd, Duration.ofSeconds(2));
             OperationLock.Held held = locks.acquire(scope, "switchover")) {
            long start = System.nanoTime();

            // Not a wait for a condition but a check that the key stays through 3 TTLs, polled all along.
            Await.until(Duration.ofSeconds(15), "the lock to stay through 3 TTLs", () -> {
                assertThat(value(held.key())).as("lock key %s", held.key()).isPresent();
                return Duration.ofNanos(System.nanoTime() - start);
            }, elapsed -> elapsed.compareTo(Duration.ofSeconds(6)) >= 0);
        }
    }

    @Test
    void hostileScopesStayUnderTheLockPrefixAndOutOfPatronisNamespace() throws Exception {
        String operation = unique("hostile-test");
        List<String> scopes = List.of("a/b", "..", "../../service/" + sandbox.scope() + "/leader", "/service/",
                " spaced  name ", "ünïcødé/集群", "%2F", "*", "line\nbreak", sandbox.scope());
        List<OperationLock.Held> held = new ArrayList<>();
        try (EtcdOperationLock locks = EtcdOperationLock.open(etcd, null)) {
            for (String scope : scopes) {
                held.add(locks.acquire(scope, operation));
            }

            // Range end "\0" means "every key from here on": the whole keyspace, wherever a bug might write.
            ByteSequence zero = ByteSequence.from(new byte[] {0});
            List<KeyValue> ours = raw.getKVClient().get(zero, GetOption.builder().withRange(zero).build())
                    .get(5, TimeUnit.SECONDS).getKvs().stream()
                    .filter(kv -> string(kv.getValue()).contains(operation))
                    .toList();
            assertThat(ours).hasSize(scopes.size());
            List<String> decoded = new ArrayList<>();
            for (KeyValue kv : ours) {
                String key = string(kv.getKey());
                assertThat(key).startsWith(EtcdConfig.DEFAULT_LOCK_PREFIX).doesNotStartWith(sandbox.namespace());
                String segment = key.substring(EtcdConfig.DEFAULT_LOCK_PREFIX.length());
                assertThat(segment).doesNotContain("/").doesNotContain("\n").isNotEmpty();
                decoded.add(URLDecoder.decode(segment, StandardCharsets.UTF_8));
            }
            assertThat(decoded).containsExactlyInAnyOrderElementsOf(scopes);
            assertThat(raw.getKVClient().get(bytes(sandbox.namespace()), GetOption.builder().isPrefix(true).build())
                    .get(5, TimeUnit.SECONDS).getKvs())
                    .noneMatch(kv -> string(kv.getValue()).contains(operation));

            held.forEach(OperationLock.Held::close);
            for (OperationLock.Held h : held) {
                assertThat(value(h.key())).as(h.key()).isEmpty();
            }
        }
    }

    @Test
    void releaseLeavesALockTakenOverBySomeoneElseAlone() throws Exception {
        String scope = unique("stolen");
        try (EtcdOperationLock first = EtcdOperationLock.open(etcd, null);
             EtcdOperationLock second = EtcdOperationLock.open(etcd, null)) {
            OperationLock.Held stale = first.acquire(scope, "switchover");
            raw.getKVClient().delete(bytes(stale.key())).get(5, TimeUnit.SECONDS);
            OperationLock.Held taker = second.acquire(scope, "restart");

            stale.close();

            assertThat(holderAt(taker.key())).map(LockHolder::operation).contains("restart");
            assertThatThrownBy(() -> first.acquire(scope, "switchover"))
                    .isInstanceOf(OperationInProgressException.class)
                    .hasMessageStartingWith("restart on " + scope);
            taker.close();
            assertThat(value(taker.key())).isEmpty();
        }
    }

    @Test
    void exactlyOneOfManyConcurrentAcquiresWins() throws Exception {
        String scope = unique("race");
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (EtcdOperationLock shared = EtcdOperationLock.open(etcd, null);
             EtcdOperationLock other = EtcdOperationLock.open(etcd, null)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<OperationLock.Held>> attempts = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                EtcdOperationLock locks = i % 2 == 0 ? shared : other;
                String operation = "op" + i;
                attempts.add(pool.submit(() -> {
                    start.await();
                    try {
                        return locks.acquire(scope, operation);
                    } catch (OperationInProgressException e) {
                        return null;
                    }
                }));
            }
            start.countDown();
            List<OperationLock.Held> winners = new ArrayList<>();
            for (Future<OperationLock.Held> attempt : attempts) {
                OperationLock.Held held = attempt.get(30, TimeUnit.SECONDS);
                if (held != null) {
                    winners.add(held);
                }
            }

            assertThat(winners).hasSize(1);
            winners.get(0).close();
            assertThat(value(winners.get(0).key())).isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void valueNotWrittenByPilothouseIsReportedAsAnUnknownHolder() throws Exception {
        String scope = unique("garbage");
        try (EtcdOperationLock locks = EtcdOperationLock.open(etcd, null)) {
            String key = locks.keyFor(scope);
            raw.getKVClient().put(bytes(key), bytes("held by a shell script")).get(5, TimeUnit.SECONDS);
            try {
                OperationInProgressException refused =
                        catchThrowableOfType(OperationInProgressException.class, () -> locks.acquire(scope, "restart"));

                assertThat(refused.holder()).isNull();
                assertThat(refused.getMessage()).startsWith("an operation on " + scope
                        + " is in progress by an unknown holder; wait for it to finish");
                assertThat(value(key)).contains("held by a shell script");
            } finally {
                raw.getKVClient().delete(bytes(key)).get(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void closingTheStoreReleasesTheLocksItStillHolds() throws Exception {
        String scope = unique("shutdown");
        String key;
        try (EtcdOperationLock locks = EtcdOperationLock.open(etcd, null)) {
            key = locks.acquire(scope, "restart").key();
            assertThat(value(key)).isPresent();
        }
        // Released at once, not after the 15 s TTL.
        assertThat(value(key)).isEmpty();
    }

    private static Process startHolderProcess(String scope, long ttlSeconds) throws Exception {
        // Surefire's booter jar only points at the classpath; its own property holds the real one.
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, LockHolderProcess.class.getName(), sandbox.etcdUrl(), scope,
                Long.toString(ttlSeconds))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    /** The key the holder process announces once it holds the lock. */
    private static String awaitHeldLine(Process child) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).get(60, TimeUnit.SECONDS);
        assertThat(line).as("first line of the holder process").startsWith("HELD ");
        return line.substring("HELD ".length());
    }

    private static Optional<String> value(String key) {
        try {
            List<KeyValue> kvs = raw.getKVClient().get(bytes(key)).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .getKvs();
            return kvs.isEmpty() ? Optional.empty() : Optional.of(string(kvs.get(0).getValue()));
        } catch (Exception e) {
            throw new AssertionError("could not read " + key + " from etcd", e);
        }
    }

    private static Optional<LockHolder> holderAt(String key) {
        return value(key).flatMap(LockHolder::fromJson);
    }

    private static String unique(String base) {
        return base + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    private static String string(ByteSequence b) {
        return b.toString(StandardCharsets.UTF_8);
    }
}
