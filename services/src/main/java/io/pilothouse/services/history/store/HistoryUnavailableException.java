package io.pilothouse.services.history.store;

/** The stored past could not be read; the message says why and what to do. */
public final class HistoryUnavailableException extends RuntimeException {

    public HistoryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
