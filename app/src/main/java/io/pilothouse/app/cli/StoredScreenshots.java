package io.pilothouse.app.cli;

import io.pilothouse.app.wiring.HistoryStores;
import io.pilothouse.services.history.store.StorePastSource;
import io.pilothouse.views.timemachine.TimeMachineViewModel;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;

/** {@code screenshot --at}: a time machine on the history store, already scrubbed to a second. FX thread. */
final class StoredScreenshots {

    private StoredScreenshots() {
    }

    static TimeMachineViewModel scrubbedTo(Instant at) {
        if (!Files.isRegularFile(HistoryStores.file())) {
            throw new UserException("no history store at " + HistoryStores.file() + "; run 'gui', 'demo' or "
                    + "'watch' first, or set " + HistoryStores.ENV, 1);
        }
        // A one-shot render: reads run on the FX thread itself, so the picture shows the answer.
        TimeMachineViewModel machine = new TimeMachineViewModel(new StorePastSource(HistoryStores.file()),
                Runnable::run, Runnable::run, Clock.systemDefaultZone(), () -> null);
        machine.refresh();
        machine.scrubTo(at);
        if (machine.shown() == null) {
            throw new UserException("the history store holds nothing at or before " + at
                    + "; 'pilothouse history --since 30d' shows what it holds", 1);
        }
        return machine;
    }
}
