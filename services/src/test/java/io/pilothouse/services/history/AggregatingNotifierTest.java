package io.pilothouse.services.history;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class AggregatingNotifierTest {

    private static Notification failover(String scope) {
        return new Notification("Failover in " + scope, "node2 took over", Severity.CRITICAL);
    }

    private static Notification switchover(String scope) {
        return new Notification("Switchover in " + scope, "node1 -> node3", Severity.INFO);
    }

    @Test
    void passesTheFirstOfABurstAndSumsUpTheRestInOneNotification() throws Exception {
        List<Notification> shown = new CopyOnWriteArrayList<>();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            AggregatingNotifier n = new AggregatingNotifier(shown::add, scheduler, Duration.ofSeconds(2), 3);
            for (int i = 1; i <= 15; i++) {
                n.notify(i % 3 == 0 ? failover("estate-" + i) : switchover("estate-" + i));
            }
            n.notify(new Notification("Member node2 lost in estate-99", "gone", Severity.WARNING));

            assertThat(shown).hasSize(3);
            scheduler.shutdown();
            assertThat(scheduler.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        } finally {
            scheduler.shutdownNow();
        }

        assertThat(shown).hasSize(4);
        Notification summary = shown.get(3);
        assertThat(summary.title()).isEqualTo("12 leader changes, 1 member lost in 2 s");
        assertThat(summary.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(summary.message()).startsWith("In estate-4, estate-5, estate-6, estate-7, estate-8 and 8 more.");
    }

    @Test
    void aQuietEstateSeesEveryNotificationAndNoSummary() throws Exception {
        List<Notification> shown = new CopyOnWriteArrayList<>();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            AggregatingNotifier n = new AggregatingNotifier(shown::add, scheduler, Duration.ofMillis(100), 3);
            n.notify(failover("orders"));
            n.notify(switchover("billing"));
            scheduler.shutdown();
            assertThat(scheduler.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        } finally {
            scheduler.shutdownNow();
        }

        assertThat(shown).extracting(Notification::title).containsExactly("Failover in orders", "Switchover in billing");
    }

    @Test
    void theSummaryTitleCountsAsTheIssueAsks() {
        List<Notification> twelve = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            twelve.add(switchover("c" + i));
        }
        assertThat(AggregatingNotifier.summary(twelve, Duration.ofSeconds(10)).title())
                .isEqualTo("12 leader changes in 10 s");
    }
}
