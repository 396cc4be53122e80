package io.pilothouse.services.activity;

/** A cancel or terminate whose outcome is not what was asked (sent, but the backend is still there). */
public final class BackendSignalException extends Exception {

    public BackendSignalException(String message, Throwable cause) {
        super(message, cause);
    }
}
