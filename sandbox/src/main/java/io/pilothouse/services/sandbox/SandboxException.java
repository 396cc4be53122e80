package io.pilothouse.services.sandbox;

/**
 * A sandbox could not be started, inspected or stopped. The message says what happened and what
 * to do next; when a process failed it ends with the last lines of that process's log.
 */
public class SandboxException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SandboxException(String message) {
        super(message);
    }

    public SandboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
