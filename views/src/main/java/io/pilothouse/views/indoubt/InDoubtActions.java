package io.pilothouse.views.indoubt;

import io.pilothouse.services.indoubt.AdvisedTransaction;
import io.pilothouse.services.indoubt.InDoubtScan;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What the in-doubt console asks the app to do: scan the primaries, and resolve branches (its
 * {@link InDoubtViewModel.BranchResolver} half). Every method returns at once and completes on a background thread.
 */
public interface InDoubtActions extends InDoubtViewModel.BranchResolver {

    /** Nothing to read and nothing to resolve (screenshots): scans never complete, resolving is refused. */
    InDoubtActions NONE = new InDoubtActions() {
        @Override
        public CompletableFuture<Read> scan() {
            return new CompletableFuture<>();
        }

        @Override
        public CompletableFuture<String> resolve(io.pilothouse.services.model.PreparedBranch branch, boolean commit,
                                                 String asUser) {
            return CompletableFuture.failedFuture(new IllegalStateException("nothing is resolved here"));
        }
    };

    /** A scan and its analysis. */
    record Read(InDoubtScan scan, List<AdvisedTransaction> advised) {
    }

    /** Scans every primary and analyses what it found; fails with the reason. */
    CompletableFuture<Read> scan();
}
