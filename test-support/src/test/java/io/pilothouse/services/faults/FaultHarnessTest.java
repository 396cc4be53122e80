package io.pilothouse.services.faults;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fault harness's own parts that need no server: the hanging listener, the timing line, the waits, the rules. */
class FaultHarnessTest {

    @Test
    void hangingListenerAcceptsAndNeverAnswers() throws Exception {
        try (HangingListener hang = HangingListener.start(); Socket client = new Socket()) {
            client.connect(new java.net.InetSocketAddress("127.0.0.1", hang.port()), 2000);
            client.setSoTimeout(300);
            OutputStream out = client.getOutputStream();
            out.write("GET /patroni HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = client.getInputStream();
            assertThatThrownBy(in::read).isInstanceOf(SocketTimeoutException.class);
            Deadline.until(Duration.ofSeconds(5), "the connection counted", hang::acceptedCount, n -> n == 1);
            assertThat(hang.url()).isEqualTo("http://127.0.0.1:" + hang.port());
        }
    }

    @Test
    void closingTheHangingListenerEndsItsHeldConnections() throws Exception {
        HangingListener hang = HangingListener.start();
        try (Socket client = new Socket("127.0.0.1", hang.port())) {
            client.setSoTimeout(5000);
            Deadline.until(Duration.ofSeconds(5), "accepted", hang::acceptedCount, n -> n == 1);
            hang.close();
            int read;
            try {
                read = client.getInputStream().read();
            } catch (java.net.SocketException reset) {
                read = -1;
            }
            assertThat(read).as("end of stream or reset, not a hang").isEqualTo(-1);
        }
    }

    @Test
    void timingLineIsParseableAndAppendedUnderTarget(@TempDir Path dir) throws Exception {
        String old = System.getProperty("basedir");
        System.setProperty("basedir", dir.toString());
        try {
            FaultTimings t = FaultTimings.of("replica_sigstop").injected();
            t.detectedAt(System.nanoTime());
            t.repaired().recoveredAt(System.nanoTime());
            String line = t.record();
            FaultTimings.of("leader_postgres_kill9").injected().repaired().record();
            assertThat(line).matches("FAULT-TIMING scenario=replica_sigstop detect_ms=\\d+ recover_ms=\\d+");
            List<String> lines = Files.readAllLines(dir.resolve("target").resolve(FaultTimings.FILE));
            assertThat(lines).hasSize(2);
            assertThat(lines.get(0)).isEqualTo(line);
            assertThat(lines.get(1)).isEqualTo("FAULT-TIMING scenario=leader_postgres_kill9 detect_ms=-1 recover_ms=-1");
        } finally {
            if (old == null) {
                System.clearProperty("basedir");
            } else {
                System.setProperty("basedir", old);
            }
        }
    }

    @Test
    void scenarioNamesAreSnakeCaseSoTheLineStaysParseable() {
        assertThatThrownBy(() -> FaultTimings.of("replica stop")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultTimings.of("a=b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void untilStableIgnoresAFlapAndReportsWhereTheStableRunBegan() {
        AtomicInteger calls = new AtomicInteger();
        // true once (a flap), false, then true for good from the 4th poll on.
        Deadline.Seen<Integer> seen = Deadline.untilStable(Duration.ofSeconds(10), Duration.ofMillis(300), "stable",
                calls::incrementAndGet, n -> n == 1 || n >= 4);
        assertThat(seen.value()).isEqualTo(4);
        assertThat(calls.get()).isGreaterThan(4);
    }

    @Test
    void untilNamesWhatItWaitedForAndTheLastValue() {
        assertThatThrownBy(() -> Deadline.until(Duration.ofMillis(200), "the answer", () -> 41, n -> n == 42))
                .isInstanceOf(AssertionError.class).hasMessageContaining("the answer").hasMessageContaining("last: 41");
    }

    @Test
    void partitionRulesStayOnLoopbackAndOnTheMembersPortsAndCgroup() {
        String script = NetworkPartition.script("pilothouse_faults_1_node2", Set.of(5432, 8008, 40001),
                Path.of("unified/pilothouse_faults_1_node2"));
        assertThat(script).contains("table inet pilothouse_faults_1_node2 {")
                .contains("elements = { 5432, 8008, 40001 }")
                .contains("ip daddr 127.0.0.0/8 tcp sport @ports drop")
                .contains("ip daddr 127.0.0.0/8 tcp dport @ports drop")
                .contains("ip daddr 127.0.0.0/8 socket cgroupv2 level 1 \"unified/pilothouse_faults_1_node2\" drop");
        assertThat(script.lines().filter(l -> l.contains("drop"))).allMatch(l -> l.contains("127.0.0.0/8"));
    }

    @Test
    void targetsNameTheirMember() {
        assertThat(FaultTarget.postgresOf("node1")).hasToString("postgres of node1");
        assertThat(FaultTarget.etcd()).hasToString("etcd");
        assertThatThrownBy(() -> new FaultTarget(ProcessRole.PATRONI, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
