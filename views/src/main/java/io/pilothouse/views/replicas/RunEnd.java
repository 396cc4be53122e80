package io.pilothouse.views.replicas;

import io.pilothouse.services.replicas.ReplicaFailedException;
import io.pilothouse.services.replicas.ReplicaReport;
import io.pilothouse.views.tasks.Tasks;

import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/** How the end of a replica run reaches a wizard: its report (a failed run's too), and the error in words. */
final class RunEnd {

    private RunEnd() {
    }

    static void apply(ReplicaReport result, Throwable failure, Consumer<ReplicaReport> report,
                      Consumer<String> error) {
        if (failure == null) {
            report.accept(result);
            return;
        }
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof ReplicaFailedException failed) {
            report.accept(failed.report());
        }
        error.accept(Tasks.message(failure));
    }
}
