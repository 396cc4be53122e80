package io.pilothouse.services.alerts;

import io.pilothouse.services.policy.AuditOutcome;
import io.pilothouse.services.policy.AuditRecord;
import io.pilothouse.services.policy.MutationGate;
import io.pilothouse.services.policy.ReadOnlyWorkspaceException;
import io.pilothouse.services.testing.HandClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The alert history: raises and clears kept, acknowledgements per raise, silences per condition, all audited. */
class AlertLedgerTest {

    private static final Instant T0 = Instant.parse("2026-12-06T14:00:00Z");

    private final HandClock clock = new HandClock(T0);
    private final List<AuditRecord> audit = new CopyOnWriteArrayList<>();

    private AlertLedger ledger(boolean readOnly) {
        return new AlertLedger(new MutationGate(readOnly, audit::add, clock, "dba"), clock, "dba", 3);
    }

    private static Alert alert(String member, AlertRule rule) {
        return new Alert(rule.key() + "/src/demo/" + member, AlertSeverity.WARNING, rule, "src", "demo", member,
                "something about " + member, T0.minusSeconds(30));
    }

    private static AlertEvent raised(Alert a, Instant at) {
        return new AlertEvent(AlertEvent.Type.ALERT_RAISED, a, at);
    }

    private static AlertEvent clearedEvent(Alert a, Instant at) {
        return new AlertEvent(AlertEvent.Type.ALERT_CLEARED, a, at);
    }

    @Test
    void aClearedAlertStaysInTheHistoryWithItsTimes() {
        AlertLedger l = ledger(false);
        Alert slot = alert("node1", AlertRule.SLOT_INACTIVE);
        l.record(raised(slot, T0));
        long v = l.version();
        l.record(clearedEvent(slot, T0.plusSeconds(90)));
        assertThat(l.version()).isGreaterThan(v);
        assertThat(l.entries()).singleElement().satisfies(r -> {
            assertThat(r.raisedAt()).isEqualTo(T0);
            assertThat(r.clearedAt()).isEqualTo(T0.plusSeconds(90));
            assertThat(r.state(T0.plusSeconds(100))).isEqualTo(AlertState.CLEARED);
        });
    }

    @Test
    void openAlertsComeFirstAndOnlyTheNewestClearedOnesAreKept() {
        AlertLedger l = ledger(false);
        for (int i = 1; i <= 5; i++) {
            Alert a = alert("node" + i, AlertRule.REPLICA_LAG);
            l.record(raised(a, T0.plusSeconds(i)));
            l.record(clearedEvent(a, T0.plusSeconds(10 + i)));
        }
        Alert still = alert("node9", AlertRule.MEMBER_MISSING);
        l.record(raised(still, T0.plusSeconds(20)));
        assertThat(l.entries()).extracting(r -> r.alert().member())
                .containsExactly("node9", "node5", "node4", "node3");
    }

    @Test
    void acknowledgingIsAuditedAndBelongsToOneRaise() throws Exception {
        AlertLedger l = ledger(false);
        Alert lag = alert("node2", AlertRule.REPLICA_LAG);
        l.record(raised(lag, T0));
        clock.set(T0.plusSeconds(5));
        AlertRecord acked = l.acknowledge(lag.id());
        assertThat(acked.state(clock.instant())).isEqualTo(AlertState.ACKNOWLEDGED);
        assertThat(acked.acknowledgedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(audit).singleElement().satisfies(r -> {
            assertThat(r.action()).isEqualTo("alert-acknowledge");
            assertThat(r.target()).isEqualTo(lag.id());
            assertThat(r.outcome()).isEqualTo(AuditOutcome.OK);
        });
        l.record(clearedEvent(lag, T0.plusSeconds(60)));
        l.record(raised(lag, T0.plusSeconds(120)));
        assertThat(l.entries().get(0).state(T0.plusSeconds(121))).isEqualTo(AlertState.ACTIVE);
        assertThat(l.entries().get(1).acknowledgedAt()).isEqualTo(T0.plusSeconds(5));
        assertThatThrownBy(() -> l.acknowledge("no-such-id")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no alert no-such-id");
    }

    @Test
    void aSilenceCoversTheConditionAcrossRaisesAndExpiresHonestly() throws Exception {
        AlertLedger l = ledger(false);
        Alert slot = alert("node1", AlertRule.SLOT_RETAINING_WAL);
        l.record(raised(slot, T0));
        AlertRecord r = l.silence(slot.id(), Duration.ofMinutes(15));
        assertThat(r.silencedUntil()).isEqualTo(T0.plus(Duration.ofMinutes(15)));
        assertThat(l.silenced(slot.id())).isTrue();
        assertThat(audit).singleElement().satisfies(a -> {
            assertThat(a.action()).isEqualTo("alert-silence");
            assertThat(a.parameters()).containsEntry("until", "2026-12-06T14:15:00Z");
        });
        // Flapping: cleared and raised again within the silence, still silenced, still listed.
        l.record(clearedEvent(slot, T0.plusSeconds(60)));
        l.record(raised(slot, T0.plusSeconds(90)));
        assertThat(l.entries().get(0).state(T0.plusSeconds(91))).isEqualTo(AlertState.SILENCED);
        // The silence ends at its time: the alert is active again and notifiers may speak.
        clock.set(T0.plus(Duration.ofMinutes(15)));
        assertThat(l.silenced(slot.id())).isFalse();
        assertThat(l.entries().get(0).state(clock.instant())).isEqualTo(AlertState.ACTIVE);
        assertThat(l.entries().get(0).silencedUntil()).as("the expiry stays visible").isEqualTo(clock.instant());

        clock.set(T0.plus(Duration.ofMinutes(20)));
        l.silence(slot.id(), Duration.ofHours(1));
        l.unsilence(slot.id());
        assertThat(l.silenced(slot.id())).isFalse();
        assertThat(audit).extracting(AuditRecord::action)
                .containsExactly("alert-silence", "alert-silence", "alert-unsilence");
    }

    @Test
    void silencesOutOfRangeAndReadOnlyWorkspacesAreRefused() {
        AlertLedger l = ledger(false);
        Alert a = alert("node1", AlertRule.CONNECTIONS_HIGH);
        l.record(raised(a, T0));
        assertThatThrownBy(() -> l.silence(a.id(), Duration.ofSeconds(10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 1 minute and 7 days");
        assertThatThrownBy(() -> l.silence(a.id(), Duration.ofDays(8))).isInstanceOf(IllegalArgumentException.class);

        AlertLedger readOnly = ledger(true);
        readOnly.record(raised(a, T0));
        assertThatThrownBy(() -> readOnly.acknowledge(a.id())).isInstanceOf(ReadOnlyWorkspaceException.class);
        assertThatThrownBy(() -> readOnly.silence(a.id(), Duration.ofMinutes(5)))
                .isInstanceOf(ReadOnlyWorkspaceException.class);
        assertThat(readOnly.entries().get(0).state(T0)).isEqualTo(AlertState.ACTIVE);
        assertThat(audit).extracting(AuditRecord::outcome).containsExactly(AuditOutcome.REFUSED, AuditOutcome.REFUSED);
    }
}
