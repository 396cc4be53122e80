package io.pilothouse.app.fx;

import io.pilothouse.services.alerts.AlertLedger;
import io.pilothouse.services.alerts.AlertRecord;
import io.pilothouse.views.alerts.AlertActions;
import io.pilothouse.views.tasks.Tasks;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/** The alerts panel's acknowledge and silence, run on the session's I/O pool (the audit log is a file). */
final class AlertLedgerActions implements AlertActions {

    private final AlertLedger ledger;
    private final Executor io;

    AlertLedgerActions(AlertLedger ledger, Executor io) {
        this.ledger = ledger;
        this.io = io;
    }

    @Override
    public CompletionStage<AlertRecord> acknowledge(String id) {
        return Tasks.supply(io, () -> ledger.acknowledge(id));
    }

    @Override
    public CompletionStage<AlertRecord> silence(String id, Duration duration) {
        return Tasks.supply(io, () -> ledger.silence(id, duration));
    }

    @Override
    public CompletionStage<AlertRecord> unsilence(String id) {
        return Tasks.supply(io, () -> ledger.unsilence(id));
    }
}
