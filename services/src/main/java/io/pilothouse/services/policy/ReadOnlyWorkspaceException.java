package io.pilothouse.services.policy;

/** A mutation was refused because the workspace is read-only. */
public final class ReadOnlyWorkspaceException extends MutationRefusedException {

    private static final long serialVersionUID = 1L;

    public ReadOnlyWorkspaceException(MutationRequest request) {
        super(request, request.action() + " on " + request.target() + " refused: the workspace is read-only", null);
    }
}
