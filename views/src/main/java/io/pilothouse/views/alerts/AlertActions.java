package io.pilothouse.views.alerts;

import io.pilothouse.services.alerts.AlertRecord;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What the alerts panel asks the app to do: acknowledge and silence (each audited, refused in a read-only
 * workspace). Every call returns at once and completes off the FX thread.
 */
public interface AlertActions {

    /** Marks the open alert {@code id} as being worked on. */
    CompletionStage<AlertRecord> acknowledge(String id);

    /** Silences the condition {@code id} for {@code duration} from now. */
    CompletionStage<AlertRecord> silence(String id, Duration duration);

    /** Ends the silence of {@code id} now. */
    CompletionStage<AlertRecord> unsilence(String id);

    /** No history kept (views built without a live session): every call says so. */
    AlertActions NONE = new AlertActions() {
        @Override
        public CompletionStage<AlertRecord> acknowledge(String id) {
            return unavailable();
        }

        @Override
        public CompletionStage<AlertRecord> silence(String id, Duration duration) {
            return unavailable();
        }

        @Override
        public CompletionStage<AlertRecord> unsilence(String id) {
            return unavailable();
        }

        private CompletionStage<AlertRecord> unavailable() {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "acknowledging and silencing need the app's live session; open the workspace in the app"));
        }
    };
}
