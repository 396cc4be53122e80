package io.pilothouse.services.alerts;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ActiveAlertsTest {

    private static final Instant T0 = Instant.parse("2026-12-07T07:00:00Z");

    private static Alert lag(String source, String cluster, String member, AlertSeverity severity, int ageSeconds) {
        return new Alert("replica-lag/" + source + "/" + cluster + "/" + member, severity, AlertRule.REPLICA_LAG,
                source, cluster, member, "replay lag", T0.minusSeconds(ageSeconds));
    }

    @Test
    void findsEachClustersAlertsInOrderWithoutTheOthers() {
        Alert a1 = lag("etcd", "a", "n2", AlertSeverity.WARNING, 10);
        Alert a2 = lag("etcd", "a", "n3", AlertSeverity.CRITICAL, 5);
        Alert b1 = lag("etcd", "b", "n2", AlertSeverity.WARNING, 20);
        Alert other = lag("other", "a", "n2", AlertSeverity.WARNING, 20);
        ActiveAlerts alerts = new ActiveAlerts(List.of(a1, b1, other, a2), 3, T0);

        assertThat(alerts.forCluster("etcd", "a")).containsExactly(a2, a1);
        assertThat(alerts.forCluster("etcd", "b")).containsExactly(b1);
        assertThat(alerts.forCluster("etcd", "c")).isEmpty();
        assertThat(alerts.worst("etcd", "a")).contains(AlertSeverity.CRITICAL);
        assertThat(alerts.alerts()).hasSize(4).first().isEqualTo(a2);
        assertThat(alerts).isEqualTo(new ActiveAlerts(List.of(a2, a1, b1, other), 3, T0));
    }
}
