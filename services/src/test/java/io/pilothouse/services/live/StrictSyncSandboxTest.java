package io.pilothouse.services.live;

import io.pilothouse.services.alerts.Alert;
import io.pilothouse.services.alerts.AlertEvaluator;
import io.pilothouse.services.alerts.AlertRule;
import io.pilothouse.services.alerts.AlertThresholds;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Freshness;
import io.pilothouse.services.model.SourceKind;
import io.pilothouse.services.model.MemberRole;
import io.pilothouse.services.model.SyncReplication;
import io.pilothouse.services.sandbox.OwnSandbox;
import io.pilothouse.services.sandbox.SandboxConnections;
import io.pilothouse.services.sandbox.SandboxSync;
import io.pilothouse.services.testing.Await;
import io.pilothouse.services.testing.Closing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A 2-member sandbox bootstrapped with {@code --sync strict}: once the only sync standby is gone, commits on the
 * leader really hang, and the model says "writes blocked" (problem, alert); once it is back, the hung commit
 * finishes and the problem clears.
 */
@Tag("servers")
@Tag("patroni-matrix")
class StrictSyncSandboxTest {

    private static final Duration SETTLE = Duration.ofSeconds(120);

    private static OwnSandbox own;
    private static LiveModel live;
    private static final ExecutorService writer = Executors.newSingleThreadExecutor();

    @BeforeAll
    static void start() {
        own = OwnSandbox.start("sync-strict-", s -> s.withScope("strict").withMembers(2)
                .withSync(SandboxSync.parse("strict", null)));
        live = LiveModel.on(own.workspace());
    }

    @AfterAll
    static void stop() {
        writer.shutdownNow();
        Closing.inOrder(live, own);
    }

    @Test
    void stoppingTheOnlySyncStandbyBlocksWritesAndTheModelSaysSo() throws Exception {
        ClusterSnapshot healthy = Await.until(SETTLE, "a healthy strict cluster with its sync standby",
                () -> live.cluster("strict"), c -> LiveModel.isHealthy(c, 2)
                        && c.sourceStatus(SourceKind.ETCD).freshness() == Freshness.LIVE && c.sync().strict()
                        && c.sync().standbys().size() == 1 && c.sync().standbyNames() != null
                        && c.members().stream().anyMatch(m -> m.role() == MemberRole.SYNC_STANDBY));
        String leader = healthy.leader();
        String standby = healthy.sync().standbys().get(0);
        assertThat(healthy.sync().writesBlocked()).isFalse();
        assertThat(healthy.sync().rule()).isEqualTo("1 sync standby: " + standby + " (strict)");
        try (Connection c = SandboxConnections.connect(own.info(), leader, "postgres", "postgres");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE sync_probe (id bigint)");
        }

        own.launcher().kill9Member(own.dir(), standby);

        ClusterSnapshot blocked = Await.until(SETTLE, "the model to show writes blocked", () -> live.cluster("strict"),
                c -> c != null && c.sync().writesBlocked());
        assertThat(blocked.problems()).contains(SyncReplication.WRITES_BLOCKED);
        List<Alert> alerts = new AlertEvaluator(AlertThresholds.DEFAULTS, Clock.systemUTC())
                .evaluate(List.of(blocked)).active();
        assertThat(alerts).anySatisfy(a -> {
            assertThat(a.rule()).isEqualTo(AlertRule.WRITES_BLOCKED);
            assertThat(a.message()).contains("Writes blocked on " + leader);
        });

        // The model is right: a commit on the leader now waits for a standby that is not there.
        try (Connection c = SandboxConnections.connect(own.info(), leader, "postgres", "postgres")) {
            // A commit that wrote WAL waits for the standby (one that only took an xid would not).
            Future<Long> commit = writer.submit(() -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                        "INSERT INTO sync_probe VALUES (txid_current()) RETURNING id")) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            assertThatThrownBy(() -> commit.get(5, TimeUnit.SECONDS)).isInstanceOf(TimeoutException.class);

            own.launcher().startMember(own.dir(), standby);

            assertThat(commit.get(SETTLE.toSeconds(), TimeUnit.SECONDS)).as("the hung commit finishes").isPositive();
        }
        // Patroni first lets any standby confirm ('*'), then names it in the sync key on a later loop.
        ClusterSnapshot back = Await.until(SETTLE, "writes unblocked with the standby back as sync standby",
                () -> live.cluster("strict"), c -> c != null && !c.sync().writesBlocked() && LiveModel.isHealthy(c, 2)
                        && c.member(standby).map(m -> m.role() == MemberRole.SYNC_STANDBY).orElse(false));
        assertThat(back.problems()).isEmpty();
        assertThat(back.sync().rule()).isEqualTo("1 sync standby: " + standby + " (strict)");
    }
}
