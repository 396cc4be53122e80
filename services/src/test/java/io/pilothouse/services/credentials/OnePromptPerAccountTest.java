package io.pilothouse.services.credentials;

import io.pilothouse.services.testing.Await;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The user is asked once per user@host:port: concurrent callers share the open prompt, answers are kept. */
class OnePromptPerAccountTest {

    private static final CredentialRequest DB1 = new CredentialRequest("db1", 5432, "postgres", "monitor", null);
    private static final CredentialRequest DB1_OTHER_DB = new CredentialRequest("db1", 5432, "app", "monitor", null);
    private static final CredentialRequest DB2 = new CredentialRequest("db2", 5432, "postgres", "monitor", null);

    @Test
    void callersWaitingForTheSameLoginShareOnePrompt() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        OnePromptPerAccount prompt = new OnePromptPerAccount((r, reasons) -> {
            asked.incrementAndGet();
            try {
                assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Optional.of("pw".toCharArray());
        });
        List<Thread> callers = new java.util.concurrent.CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "caller-" + callers.size());
            callers.add(t);
            return t;
        });
        try {
            List<Future<Optional<char[]>>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                CredentialRequest request = i % 2 == 0 ? DB1 : DB1_OTHER_DB;
                answers.add(pool.submit(() -> prompt.ask(request, List.of())));
            }
            // All four callers parked: one inside the prompt (waiting for the release), three waiting for it.
            Await.until(Duration.ofSeconds(10), "the four callers waiting", () -> callers.stream()
                    .filter(t -> t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING)
                    .count(), n -> n == 4);
            assertThat(asked).hasValue(1);
            release.countDown();
            for (Future<Optional<char[]>> a : answers) {
                assertThat(a.get(10, TimeUnit.SECONDS)).hasValueSatisfying(p -> assertThat(p).containsExactly('p', 'w'));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(prompt.ask(DB1, List.of())).isPresent();
        assertThat(asked).as("the typed password is reused for the session").hasValue(1);
    }

    @Test
    void eachCallerGetsItsOwnCopyToWipe() {
        OnePromptPerAccount prompt = new OnePromptPerAccount((r, reasons) -> Optional.of("pw".toCharArray()));
        char[] first = prompt.ask(DB1, List.of()).orElseThrow();
        java.util.Arrays.fill(first, '\0');
        assertThat(prompt.ask(DB1, List.of()).orElseThrow()).containsExactly('p', 'w');
    }

    @Test
    void aCancelledPromptIsNotReopenedUntilForgotten() {
        AtomicInteger asked = new AtomicInteger();
        OnePromptPerAccount prompt = new OnePromptPerAccount((r, reasons) -> {
            asked.incrementAndGet();
            return Optional.empty();
        });
        assertThat(prompt.ask(DB1, List.of())).isEmpty();
        assertThat(prompt.ask(DB1, List.of())).isEmpty();
        assertThat(asked).hasValue(1);
        assertThat(prompt.declined("monitor@db1:5432")).isTrue();
        assertThat(prompt.ask(DB2, List.of())).isEmpty();
        assertThat(asked).as("another login is asked for").hasValue(2);
        prompt.forget("monitor@db1:5432");
        assertThat(prompt.declined("monitor@db1:5432")).isFalse();
        prompt.ask(DB1, List.of());
        assertThat(asked).hasValue(3);
    }

    @Test
    void aFailingPromptCountsAsCancelled() {
        OnePromptPerAccount prompt = new OnePromptPerAccount((r, reasons) -> {
            throw new IllegalStateException("no display");
        });
        assertThat(prompt.ask(DB1, List.of())).isEmpty();
        assertThat(prompt.declined("monitor@db1:5432")).isTrue();
    }

    @Test
    void theAdviceNamesThePgpassLineAndTheKeyringCommand() {
        PgPassLookup pgpass = new PgPassLookup(java.util.Map.of("PGPASSFILE", "/home/ana/.pgpass"),
                java.nio.file.Path.of("/home/ana"), io.pilothouse.services.platform.OsFamily.LINUX);
        assertThat(MissingPassword.advice(new CredentialRequest("127.0.0.1", 5432, "postgres", "monitor", null),
                pgpass)).startsWith("no password for monitor@127.0.0.1:5432")
                .contains("add the line 127.0.0.1:5432:*:monitor:<password> to /home/ana/.pgpass (chmod 600)")
                .contains("pilothouse credentials set --host 127.0.0.1 --port 5432 --user monitor");
        assertThat(MissingPassword.pgpassLine(new CredentialRequest("fe80::1", 5432, "postgres", "a:b", null)))
                .isEqualTo("fe80\\:\\:1:5432:*:a\\:b:<password>");
    }
}
