package io.pilothouse.services.policy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * The single gate every mutating service call passes through. In a read-only workspace, and in any
 * {@link SessionKind#WALL} session whatever its workspace says, it refuses (and audits the refusal); otherwise it runs the action and audits the outcome and duration. It also refuses when the audit log
 * cannot be written, so nothing changes unaudited.
 *
 * <p>Thread-safe: holds no mutable state.
 */
public final class MutationGate {

    private static final Logger LOG = LoggerFactory.getLogger(MutationGate.class);

    private final boolean readOnly;
    private final SessionKind session;
    private final AuditSink sink;
    private final Clock clock;
    private final String user;

    /**
     * @param readOnly refuse every mutation
     * @param sink     where attempts are recorded
     */
    public MutationGate(boolean readOnly, AuditSink sink) {
        this(SessionKind.OPERATOR, readOnly, sink);
    }

    /**
     * A gate for a session of {@code session}'s kind: a {@link SessionKind#WALL} refuses every mutation whatever
     * {@code workspaceReadOnly} says.
     */
    public MutationGate(SessionKind session, boolean workspaceReadOnly, AuditSink sink) {
        this(session, workspaceReadOnly, sink, Clock.systemUTC(), System.getProperty("user.name"));
    }

    /** With an explicit clock and OS user name (tests, or a service acting for someone). */
    public MutationGate(boolean readOnly, AuditSink sink, Clock clock, String user) {
        this(SessionKind.OPERATOR, readOnly, sink, clock, user);
    }

    /** As {@link #MutationGate(SessionKind, boolean, AuditSink)} with an explicit clock and OS user name. */
    public MutationGate(SessionKind session, boolean workspaceReadOnly, AuditSink sink, Clock clock, String user) {
        this.session = Objects.requireNonNull(session, "session");
        this.readOnly = session.refusesMutations(workspaceReadOnly);
        this.sink = Objects.requireNonNull(sink, "sink");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.user = user == null ? "" : user;
    }

    /** True when every mutation is refused (a read-only workspace, or a wall session). */
    public boolean isReadOnly() {
        return readOnly;
    }

    /** The kind of session this gate guards. */
    public SessionKind session() {
        return session;
    }

    /**
     * Runs {@code action} if allowed and audits the attempt.
     *
     * @return what the action returned
     * @throws ReadOnlyWorkspaceException if the workspace is read-only (the action does not run)
     * @throws MutationRefusedException   if the audit log cannot be written (the action does not run)
     * @throws Exception                  whatever the action threw, after auditing it as failed
     */
    public <T> T run(MutationRequest request, Callable<T> action) throws Exception {
        Objects.requireNonNull(action, "action");
        return run(request, trail -> action.call());
    }

    /**
     * Runs {@code action} if allowed and audits the attempt with the evidence the action put in its trail. An
     * action that throws {@link MutationRefusedException} (its own pre-checks said no) is audited as refused.
     *
     * @return what the action returned
     * @throws ReadOnlyWorkspaceException if the workspace is read-only (the action does not run)
     * @throws MutationRefusedException   if the audit log cannot be written (the action does not run), or the
     *                                    action refused
     * @throws Exception                  whatever the action threw, after auditing it as failed
     */
    public <T> T run(MutationRequest request, AuditedAction<T> action) throws Exception {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(action, "action");
        Instant time = clock.instant();
        AuditTrail trail = new AuditTrail();
        if (readOnly) {
            ReadOnlyWorkspaceException refused = new ReadOnlyWorkspaceException(request, session.refusalReason());
            LOG.info("{}", refused.getMessage());
            audit(AuditRecord.of(request, time, user, AuditOutcome.REFUSED, session.refusalReason(), 0, trail),
                    null);
            throw refused;
        }
        try {
            sink.ensureWritable();
        } catch (AuditException e) {
            // Nothing to record it in; the log line and the exception are all there is.
            LOG.error("{} on {} refused: the audit log cannot be written", request.action(), request.target(), e);
            throw new MutationRefusedException(request, request.action() + " on " + request.target()
                    + " refused: the audit log cannot be written (" + e.getMessage() + "); fix it before making "
                    + "changes", e);
        }
        long start = System.nanoTime();
        T result;
        try {
            result = action.run(trail);
        } catch (MutationRefusedException refused) {
            LOG.info("{} on {} refused: {}", request.action(), request.target(), refused.getMessage());
            audit(AuditRecord.of(request, time, user, AuditOutcome.REFUSED, refused.getMessage(), elapsedMs(start),
                    trail), refused);
            throw refused;
        } catch (Throwable failure) {
            long ms = elapsedMs(start);
            LOG.warn("{} on {} failed after {} ms: {}", request.action(), request.target(), ms, failure.toString());
            audit(AuditRecord.of(request, time, user, AuditOutcome.FAILED, describe(failure), ms, trail), failure);
            throw failure;
        }
        long ms = elapsedMs(start);
        LOG.info("{} on {} ok in {} ms", request.action(), request.target(), ms);
        audit(AuditRecord.of(request, time, user, AuditOutcome.OK, null, ms, trail), null);
        return result;
    }

    /**
     * Records without letting an audit failure replace the real outcome: the action has already happened (or been
     * refused), and reporting "audit failed" instead would mislead. The failure is logged, and attached to the
     * action's own exception if there is one.
     */
    private void audit(AuditRecord record, Throwable actionFailure) {
        try {
            sink.record(record);
        } catch (RuntimeException e) {
            LOG.error("Could not audit {} on {} ({})", record.action(), record.target(), record.outcome(), e);
            if (actionFailure != null) {
                actionFailure.addSuppressed(e);
            }
        }
    }

    private static long elapsedMs(long startNanos) {
        return Math.max(0, (System.nanoTime() - startNanos) / 1_000_000);
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }
}
