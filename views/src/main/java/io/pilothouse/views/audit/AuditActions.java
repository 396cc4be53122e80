package io.pilothouse.views.audit;

import io.pilothouse.services.policy.AuditEntry;
import io.pilothouse.services.policy.AuditVerification;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** What the audit window asks the app to do. Returns at once; completes on a background thread. */
@FunctionalInterface
public interface AuditActions {

    /** Nothing to read (screenshots, tests that push entries themselves): never completes. */
    AuditActions NONE = CompletableFuture::new;

    /** One read of the log: its records and the state of its chain. */
    record Read(List<AuditEntry> entries, AuditVerification verification) {
    }

    /** Reads and verifies the log; fails with the reason (an {@code AuditException} says it in words). */
    CompletableFuture<Read> read();
}
