package io.pilothouse.services.reshard;

/** A move or split that cannot go on; the message says what happened, on which node, and what to do. */
public final class ReshardException extends RuntimeException {

    public ReshardException(String message) {
        super(message);
    }

    public ReshardException(String message, Throwable cause) {
        super(message, cause);
    }
}
