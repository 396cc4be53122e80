package io.pilothouse.services.alerts.outbound;

import java.time.Instant;

/**
 * The state of one outbound target, as {@code pilothouse alerts} shows it. Immutable.
 *
 * @param target        {@code alertmanager} or {@code webhook}
 * @param url           where it posts (no secret: URLs with a user are refused by the workspace)
 * @param lastAttempt   when the last attempt was made, or null before the first
 * @param lastResult    the last attempt's result in words, or null before the first
 * @param lastDelivered when a delivery last succeeded, or null
 * @param delivered     deliveries the receiver accepted
 * @param failed        deliveries given up (attempts exhausted, or refused with a 4xx)
 * @param dropped       deliveries dropped because the queue was full
 * @param queued        deliveries waiting now
 */
public record DeliveryStatus(String target, String url, Instant lastAttempt, String lastResult, Instant lastDelivered,
                             long delivered, long failed, long dropped, int queued) {

    /** Whether the last attempt succeeded (false before the first). */
    public boolean lastOk() {
        return lastAttempt != null && lastAttempt.equals(lastDelivered);
    }
}
