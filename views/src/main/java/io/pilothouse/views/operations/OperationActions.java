package io.pilothouse.views.operations;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * What an operation's window asks the app to do once the user confirmed: run the operation. Returns at once; the
 * progress lines and the outcome arrive on a background thread (the model hands them to the FX thread).
 */
@FunctionalInterface
public interface OperationActions {

    /** A verified outcome: what was seen afterwards, in words, and the figures (timings, Patroni's answers). */
    record Verified(String verified, List<String> figures) {

        public Verified {
            figures = List.copyOf(figures);
        }
    }

    /**
     * Runs the confirmed operation, reporting lines to {@code progress} (any thread). Completes with the verified
     * outcome, or fails: a {@code MutationRefusedException} cause means refused (nothing sent), an
     * {@code OperationFailedException} failed, anything else unexpected.
     */
    CompletableFuture<Verified> run(Consumer<String> progress);
}
