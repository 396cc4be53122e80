package io.pilothouse.services.patroni;

/** A Patroni REST endpoint did not give a usable answer; the message says which, why, and what to check. */
public class PatroniUnavailableException extends RuntimeException {

    public PatroniUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
