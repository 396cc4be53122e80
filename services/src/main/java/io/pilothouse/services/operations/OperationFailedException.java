package io.pilothouse.services.operations;

/**
 * An operation was sent but did not succeed: Patroni answered with an error, did not answer, or the outcome was not
 * seen in time. The message says what happened and what to do, in words for the user.
 */
public class OperationFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public OperationFailedException(String message) {
        super(message);
    }

    public OperationFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
