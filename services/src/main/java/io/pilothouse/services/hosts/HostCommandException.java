package io.pilothouse.services.hosts;

/** A command could not be run on a host (not started, timed out, connection lost); the message says what to do. */
public class HostCommandException extends Exception {

    public HostCommandException(String message) {
        super(message);
    }

    public HostCommandException(String message, Throwable cause) {
        super(message, cause);
    }
}
