package io.pilothouse.views.history;

import io.pilothouse.services.history.HistoryEntry;
import io.pilothouse.services.history.HistoryKind;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class HistoryViewModelTest {

    private static final HistoryEntry SWITCHOVER = new HistoryEntry(Instant.parse("2026-11-21T05:27:32Z"),
            HistoryKind.SWITCHOVER, "node2", "node1 → node2", 2);

    @Test
    void theSameHistoryAgainDoesNotRebuildTheList() {
        HistoryViewModel vm = new HistoryViewModel(ZoneId.of("UTC"));
        AtomicInteger changes = new AtomicInteger();
        vm.entriesProperty().addListener((obs, was, now) -> changes.incrementAndGet());

        vm.setData("demo", List.of(SWITCHOVER));
        vm.setData("demo", new ArrayList<>(List.of(SWITCHOVER)));
        assertThat(changes).hasValue(1);

        vm.setData("demo", List.of(SWITCHOVER, new HistoryEntry(SWITCHOVER.time().plusSeconds(60),
                HistoryKind.FAILOVER, "node1", "node2 lost", 3)));
        assertThat(changes).hasValue(2);
        assertThat(vm.entriesProperty().get()).hasSize(2);
    }
}
