package io.pilothouse.app.cli;

import io.pilothouse.services.history.store.StoreHealth;
import io.pilothouse.services.history.store.StoreStatus;

import java.io.PrintWriter;

/** Tells a terminal, once per change, that the history store was rebuilt or bypassed. */
final class HistoryWarnings {

    private final PrintWriter err;
    private StoreHealth told = StoreHealth.OPENING;

    HistoryWarnings(PrintWriter err) {
        this.err = err;
    }

    void check(StoreStatus status) {
        if (status.health() != told && status.health().isWarning()) {
            err.println("pilothouse: " + status.describe());
            err.flush();
        }
        told = status.health();
    }
}
