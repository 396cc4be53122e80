package io.pilothouse.services.indoubt;

/** Resolving a prepared branch failed; the message says what happened and what to do next. */
public final class ResolutionException extends Exception {

    /** Why a resolution failed. */
    public enum Reason {
        /** The user may not finish it: only the role that prepared it or a superuser can. */
        NOT_PERMITTED,
        /** The gid is no longer prepared: someone (or the transaction manager) resolved it already. */
        ALREADY_RESOLVED,
        /** The gid now names another transaction than the one shown; it was resolved and the gid reused. */
        GID_REUSED,
        /** Another session is committing or rolling it back right now. */
        BUSY,
        /** The statement ran but the branch is still listed afterwards. */
        NOT_VERIFIED,
        /** Anything else (connection, timeout, server error); the cause has the detail. */
        FAILED
    }

    private final Reason reason;

    public ResolutionException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** Why it failed. */
    public Reason reason() {
        return reason;
    }
}
