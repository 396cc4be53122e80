package io.pilothouse.views.operations;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * What the configuration editor asks the app to do. Every method returns at once and completes on a background
 * thread (the model applies the answers on the FX thread).
 */
public interface ConfigEditActions {

    /** The cluster's dynamic configuration as it is now, as text to read. */
    CompletableFuture<String> read();

    /**
     * What {@code lines} ({@code KEY=VALUE}) would change; changes nothing. A line that does not parse fails the
     * stage with the parser's advice.
     */
    CompletionStage<ConfigEditModel.Preview> preview(List<String> lines);

    /** Applies exactly {@code lines} (confirmed), reporting progress lines to {@code progress} (any thread). */
    CompletableFuture<OperationActions.Verified> apply(List<String> lines, Consumer<String> progress);
}
