package io.pilothouse.services.policy;

/** A mutation was refused because the workspace is read-only, or the session is a wall ({@link SessionKind}). */
public final class ReadOnlyWorkspaceException extends MutationRefusedException {

    private static final long serialVersionUID = 1L;

    public ReadOnlyWorkspaceException(MutationRequest request) {
        this(request, SessionKind.OPERATOR.refusalReason());
    }

    /** Refused for {@code reason} ("the workspace is read-only", "this is a wall session ..."). */
    public ReadOnlyWorkspaceException(MutationRequest request, String reason) {
        super(request, request.action() + " on " + request.target() + " refused: " + reason, null);
    }
}
