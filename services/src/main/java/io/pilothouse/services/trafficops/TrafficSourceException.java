package io.pilothouse.services.trafficops;

/** A traffic component (HAProxy, PgBouncer) could not be reached or refused; the message says which and why. */
public final class TrafficSourceException extends Exception {

    private static final long serialVersionUID = 1L;

    public TrafficSourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
