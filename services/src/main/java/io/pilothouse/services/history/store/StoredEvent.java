package io.pilothouse.services.history.store;

import java.time.Instant;

/**
 * One stored event, alert change or operation outcome, for export and for stepping through time.
 *
 * @param at      when it happened
 * @param kind    the event type ({@code LEADER_CHANGED}…), {@code ALERT_RAISED}/{@code ALERT_CLEARED}, or
 *                {@code OPERATION}
 * @param source  workspace source, or null
 * @param scope   cluster, or null
 * @param member  member, or null
 * @param from    previous value, alert severity, or the operation's action
 * @param to      new value, alert message, or the operation's outcome
 */
public record StoredEvent(Instant at, String kind, String source, String scope, String member, String from,
                          String to) {
}
