package io.pilothouse.services.alerts.outbound;

/**
 * What one attempt to deliver got.
 *
 * @param status the HTTP status, or 0 when no answer came (refused, timed out, TLS failed)
 * @param detail in words: {@code HTTP 200}, {@code HTTP 500: boom}, {@code connection refused}
 */
public record DeliveryResult(int status, String detail) {

    /** The receiver took it (2xx). */
    public boolean delivered() {
        return status >= 200 && status < 300;
    }

    /** Trying again may help: no answer, 5xx, 408 or 429. A 4xx otherwise means the request itself is wrong. */
    public boolean retryable() {
        return status == 0 || status >= 500 || status == 408 || status == 429;
    }
}
