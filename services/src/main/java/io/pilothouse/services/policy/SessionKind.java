package io.pilothouse.services.policy;

/**
 * What kind of session is asking to change the estate. The {@link MutationGate} decides with it, so a wall stays
 * read-only whatever its workspace file says: the refusal lives in services, not in a view that hides buttons.
 */
public enum SessionKind {
    /** An operator's window or command: the workspace's {@code readOnly} flag decides. */
    OPERATOR,
    /** A NOC wall display: every mutation is refused, whatever the workspace says. */
    WALL;

    /** True when a session of this kind on a workspace with {@code workspaceReadOnly} must refuse every change. */
    public boolean refusesMutations(boolean workspaceReadOnly) {
        return this == WALL || workspaceReadOnly;
    }

    /** Why a mutation is refused, in the words of the refusal and the audit record. */
    public String refusalReason() {
        return this == WALL ? "this is a wall session (read-only whatever the workspace says)"
                : "the workspace is read-only";
    }
}
