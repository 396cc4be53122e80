package io.pilothouse.services.policy;

/** The {@link MutationGate} did not run a mutation. The message says why, in words for the user. */
public class MutationRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient MutationRequest request;

    public MutationRefusedException(MutationRequest request, String message, Throwable cause) {
        super(message, cause);
        this.request = request;
    }

    /** The refused request. */
    public MutationRequest request() {
        return request;
    }
}
