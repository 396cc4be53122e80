package io.pilothouse.services.activity;

import io.pilothouse.services.model.NodeRef;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The pure part of the activity view: blocking trees, advisory keys, rates and the reading's summaries. */
class ActivityModelTest {

    private static final NodeRef NODE = new NodeRef("s", "demo", "node1", "127.0.0.1", 5432);

    private static ActivitySession session(int pid, SessionState state, Double xactSeconds, Integer... blockedBy) {
        return new ActivitySession(pid, Instant.EPOCH.plusSeconds(pid), "app", "postgres", "psql", null,
                "client backend", state, blockedBy.length > 0 ? "Lock" : null,
                blockedBy.length > 0 ? "transactionid" : null, xactSeconds, 5, 5.0, "UPDATE t SET x = 1",
                List.of(blockedBy));
    }

    @Test
    void blockingTreeRootsAreBlockersThatWaitForNobodyWithWaitersBelow() {
        List<ActivitySession> sessions = List.of(
                session(10, SessionState.IDLE_IN_TRANSACTION, 120.0),
                session(11, SessionState.ACTIVE, 30.0, 10),
                session(12, SessionState.ACTIVE, 20.0, 11),
                session(13, SessionState.ACTIVE, 1.0),
                session(14, SessionState.ACTIVE, 3.0, 0));

        List<BlockingTree.Node> roots = BlockingTree.of(sessions);

        assertThat(roots).extracting(BlockingTree.Node::pid).containsExactly(10, 0);
        assertThat(roots.get(0).waitingBehind()).isEqualTo(2);
        assertThat(roots.get(0).children()).extracting(BlockingTree.Node::pid).containsExactly(11);
        assertThat(roots.get(0).children().get(0).children()).extracting(BlockingTree.Node::pid).containsExactly(12);
        assertThat(roots.get(0).label()).isEqualTo("pid 10 (app, idle in transaction)");
        assertThat(roots.get(1).label()).isEqualTo("a prepared transaction");
        assertThat(roots.get(1).session()).isNull();
    }

    @Test
    void aCycleIsShownOnceAndCutWhereItWouldRepeat() {
        List<BlockingTree.Node> roots = BlockingTree.of(List.of(
                session(20, SessionState.ACTIVE, 2.0, 21), session(21, SessionState.ACTIVE, 2.0, 20)));

        assertThat(roots).hasSize(1);
        assertThat(roots.get(0).children()).hasSize(1);
        assertThat(roots.get(0).children().get(0).children()).isEmpty();
    }

    @Test
    void noWaitersNoTree() {
        assertThat(BlockingTree.of(List.of(session(1, SessionState.IDLE, null)))).isEmpty();
    }

    @Test
    void advisoryKeysReadBackAsTheApplicationWroteThem() {
        // pg_advisory_lock(42): classid 0, objid 42, objsubid 1
        assertThat(AdvisoryLock.key(0, 42, 1)).isEqualTo("42");
        // pg_advisory_lock(-1::bigint): both halves all ones
        assertThat(AdvisoryLock.key(4294967295L, 4294967295L, 1)).isEqualTo("-1");
        // pg_advisory_lock(1, 2) and pg_advisory_lock(-5, 7): oids are unsigned, the keys signed ints
        assertThat(AdvisoryLock.key(1, 2, 2)).isEqualTo("1,2");
        assertThat(AdvisoryLock.key(4294967291L, 7, 2)).isEqualTo("-5,7");
        // 2^40 + 3
        assertThat(AdvisoryLock.key(256, 3, 1)).isEqualTo(Long.toString((1L << 40) + 3));
    }

    @Test
    void ratesAreDeltasPerSecondAndAResetGivesNoPoint() {
        RateHistory h = new RateHistory(10);
        Instant t = Instant.parse("2026-12-06T20:00:00Z");
        h.add(new ActivityCounters(t, 1000, 16_000_000L, null, null));
        h.add(new ActivityCounters(t.plusSeconds(2), 1100, 16_200_000L, null, null));
        h.add(new ActivityCounters(t.plusSeconds(4), 50, 16_300_000L, null, null));
        h.add(new ActivityCounters(t.plusSeconds(4), 99, 99L, null, null));

        assertThat(h.transactionsPerSecond()).extracting(RatePoint::perSecond).containsExactly(50.0);
        assertThat(h.walBytesPerSecond()).extracting(RatePoint::perSecond).containsExactly(100_000.0, 50_000.0);
    }

    @Test
    void aStandbysWalRateIsItsReplay() {
        RateHistory h = new RateHistory(3);
        Instant t = Instant.parse("2026-12-06T20:00:00Z");
        for (int i = 0; i < 5; i++) {
            h.add(new ActivityCounters(t.plusSeconds(i), 0, null, 2000L * i, 1000L * i));
        }
        assertThat(h.walBytesPerSecond()).extracting(RatePoint::perSecond).containsExactly(1000.0, 1000.0);
    }

    @Test
    void readingCountsClientBackendsByStateAndFindsLongAndIdleTransactions() {
        ActivitySession walsender = new ActivitySession(99, Instant.EPOCH, "replicator", null, "node2", "127.0.0.1",
                "walsender", SessionState.ACTIVE, "Activity", "WalSenderMain", null, 100, null, "", List.of());
        ActivityReading r = new ActivityReading(NODE, false, 100, 3, List.of(
                session(10, SessionState.IDLE_IN_TRANSACTION, 120.0),
                session(11, SessionState.ACTIVE, 30.0, 10),
                session(12, SessionState.ACTIVE, 90.0, 10),
                session(13, SessionState.IDLE, null),
                walsender), List.of(), new ActivityCounters(Instant.EPOCH, 0, 0L, null, null));

        assertThat(r.connections()).isEqualTo(5);
        assertThat(r.connectionsFree()).isEqualTo(92);
        assertThat(r.byState()).containsEntry(SessionState.ACTIVE, 2).containsEntry(SessionState.IDLE, 1)
                .containsEntry(SessionState.IDLE_IN_TRANSACTION, 1).containsEntry(SessionState.FASTPATH, 0);
        assertThat(r.longTransactions(60)).extracting(ActivitySession::pid).containsExactly(10, 12);
        assertThat(r.idleInTransaction()).extracting(ActivitySession::pid).containsExactly(10);
        assertThat(r.topWaits(5)).containsExactly(new WaitCount("Lock", "transactionid", 2));
        assertThat(SessionState.of("idle in transaction (aborted)").idleInTransaction()).isTrue();
        assertThat(SessionState.of(null)).isEqualTo(SessionState.OTHER);
    }
}
