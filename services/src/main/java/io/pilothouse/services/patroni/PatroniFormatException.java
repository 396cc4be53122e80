package io.pilothouse.services.patroni;

/** A Patroni answer or DCS value that is not what Patroni writes: the message says what and where. */
public class PatroniFormatException extends RuntimeException {

    public PatroniFormatException(String message) {
        super(message);
    }

    public PatroniFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
