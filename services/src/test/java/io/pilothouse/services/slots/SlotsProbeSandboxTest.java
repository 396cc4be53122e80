package io.pilothouse.services.slots;

import io.pilothouse.services.model.NodeSlots;
import io.pilothouse.services.model.ReplicationSlot;
import io.pilothouse.services.model.SlotFlag;
import io.pilothouse.services.sandbox.SandboxConnections;
import io.pilothouse.services.sandbox.SandboxInfo;
import io.pilothouse.services.sandbox.SandboxLauncher;
import io.pilothouse.services.sandbox.SandboxRest;
import io.pilothouse.services.sandbox.SandboxSpec;
import io.pilothouse.services.testing.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Slots and archiver read from a real Patroni sandbox (its own: this test creates and drops a slot). */
@Tag("servers")
class SlotsProbeSandboxTest {

    private static final SandboxLauncher launcher = new SandboxLauncher();
    private static Path dir;
    private static SandboxInfo sandbox;

    @BeforeAll
    static void up() throws Exception {
        dir = Files.createTempDirectory(Path.of("/tmp"), "pilothouse-slots-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        sandbox = launcher.up(SandboxSpec.defaults(dir).withScope("slots"), p -> { });
        // Patroni drops physical slots it does not manage on its next HA loop; tell it to leave ours alone.
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest
                .newBuilder(URI.create(sandbox.restUrls().get(0) + "/config"))
                .method("PATCH", HttpRequest.BodyPublishers.ofString(
                        "{\"ignore_slots\":[{\"name\":\"ph_test\",\"type\":\"physical\"}]}"))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        for (String url : sandbox.restUrls()) {
            Await.until(Duration.ofSeconds(30), "ignore_slots applied on " + url,
                    () -> SandboxRest.get(url, "/config").map(c -> c.has("ignore_slots")).orElse(false), b -> b);
        }
    }

    @AfterAll
    static void down() {
        if (dir != null) {
            launcher.destroy(dir);
        }
    }

    private static String leader() {
        return Await.until(Duration.ofSeconds(60), "a leader", () -> SandboxRest.leader(sandbox).orElse(null),
                l -> l != null);
    }

    @Test
    void leaderHasOneActivePhysicalSlotPerReplicaAndAnArchiverStatus() throws Exception {
        String leader = leader();
        SlotsProbe probe = new SlotsProbe(new SlotActivityTracker(), SlotRules.DEFAULTS, Clock.systemUTC());
        NodeSlots read = Await.until(Duration.ofSeconds(60), "replica slots active", () -> readAsMonitor(probe, leader),
                n -> n.slots().size() == sandbox.members().size() - 1
                        && n.slots().stream().allMatch(ReplicationSlot::active));
        assertThat(read.inRecovery()).isFalse();
        assertThat(read.walPosition()).matches("[0-9A-F]+/[0-9A-F]+");
        for (ReplicationSlot s : read.slots()) {
            assertThat(s.type()).isEqualTo("physical");
            assertThat(s.activePid()).isNotNull();
            assertThat(s.walStatus()).isIn("reserved", "extended");
            assertThat(s.inactiveSince()).isNull();
            assertThat(s.flags()).isEmpty();
        }
        assertThat(read.archiver()).isNotNull();
        assertThat(read.archiver().archiveMode()).isNotBlank();
        assertThat(read.archiver().failing()).isFalse();
    }

    @Test
    void anInactiveSlotUnderWalLoadRetainsMoreAndMoreWalIsFlaggedAndGoesWhenDropped() throws Exception {
        String leader = leader();
        SlotActivityTracker tracker = new SlotActivityTracker();
        SlotsProbe probe = new SlotsProbe(tracker, SlotRules.DEFAULTS, Clock.systemUTC());
        try (Connection su = SandboxConnections.connect(sandbox, leader, sandbox.superuser(), "postgres");
             Statement st = su.createStatement()) {
            st.execute("SELECT pg_create_physical_replication_slot('ph_test', true)");

            NodeSlots before = readAsMonitor(probe, leader);
            ReplicationSlot fresh = before.slot("ph_test");
            assertThat(fresh).isNotNull();
            assertThat(fresh.active()).isFalse();
            assertThat(fresh.inactiveSince()).isNotNull();
            assertThat(fresh.flags()).isEmpty();
            // A new slot already holds WAL back to the last checkpoint's redo point: flag only what grows beyond it.
            long threshold = fresh.retainedBytes() + (8L << 20);
            probe = new SlotsProbe(tracker, new SlotRules(threshold), Clock.systemUTC());

            // About 30 MB of WAL, then a segment switch so the position surely moves past restart_lsn.
            st.execute("CREATE TABLE ph_wal_load AS SELECT g, repeat('x', 200) AS pad FROM generate_series(1, 100000) g");
            st.execute("SELECT pg_switch_wal()");

            NodeSlots after = readAsMonitor(probe, leader);
            ReplicationSlot grown = after.slot("ph_test");
            assertThat(grown.retainedBytes()).isGreaterThan(threshold);
            assertThat(grown.flags()).contains(SlotFlag.INACTIVE_RETAINING_WAL);
            assertThat(grown.inactiveSince()).isEqualTo(fresh.inactiveSince());
            assertThat(after.flagged()).extracting(ReplicationSlot::name).containsExactly("ph_test");

            st.execute("SELECT pg_drop_replication_slot('ph_test')");
            st.execute("DROP TABLE ph_wal_load");
            assertThat(readAsMonitor(probe, leader).slot("ph_test")).isNull();
        }
    }

    @Test
    void aStandbyMeasuresRetainedWalFromItsReceivedPosition() throws Exception {
        String leader = leader();
        String replica = sandbox.members().stream().map(SandboxInfo.Member::name)
                .filter(n -> !n.equals(leader)).findFirst().orElseThrow();
        NodeSlots read = readAsMonitor(new SlotsProbe(new SlotActivityTracker(), SlotRules.DEFAULTS,
                Clock.systemUTC()), replica);
        assertThat(read.inRecovery()).isTrue();
        assertThat(read.walPosition()).isNotNull();
    }

    private static NodeSlots readAsMonitor(SlotsProbe probe, String member) {
        try (Connection c = monitor(member)) {
            return probe.read(member, c);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static Connection monitor(String member) throws SQLException {
        return SandboxConnections.connect(sandbox, member, sandbox.monitorUser(), "postgres");
    }
}
