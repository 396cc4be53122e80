package io.pilothouse.services.traffic;

/** A traffic component could not be read; the message is one line saying what happened and what to do. */
public final class TrafficReadException extends Exception {

    public TrafficReadException(String message) {
        super(message);
    }

    public TrafficReadException(String message, Throwable cause) {
        super(message, cause);
    }
}
