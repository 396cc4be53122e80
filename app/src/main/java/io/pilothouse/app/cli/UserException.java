package io.pilothouse.app.cli;

/** A failure explained in words for the person at the terminal; printed without a stack trace. */
public class UserException extends RuntimeException {

    private final int exitCode;

    public UserException(String message) {
        this(message, UserErrors.FAILED);
    }

    public UserException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
