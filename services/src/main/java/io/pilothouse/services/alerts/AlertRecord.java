package io.pilothouse.services.alerts;

import java.time.Instant;
import java.util.Objects;

/**
 * One raise of an alert in the app's history: when it was raised and cleared, who acknowledged it, and until when
 * its condition is silenced. Immutable.
 *
 * @param alert          the alert as last seen
 * @param raisedAt       when it was raised (its grace period ended)
 * @param clearedAt      when it cleared, or null while it holds
 * @param acknowledgedAt when it was acknowledged, or null
 * @param acknowledgedBy who acknowledged it (OS user), or null
 * @param silencedUntil  until when its condition is silenced (kept after it has passed, so the expiry can be shown),
 *                       or null
 */
public record AlertRecord(Alert alert, Instant raisedAt, Instant clearedAt, Instant acknowledgedAt,
                          String acknowledgedBy, Instant silencedUntil) {

    public AlertRecord {
        Objects.requireNonNull(alert, "alert");
        Objects.requireNonNull(raisedAt, "raisedAt");
    }

    /** The condition's stable id. */
    public String id() {
        return alert.id();
    }

    /** True until the condition clears. */
    public boolean open() {
        return clearedAt == null;
    }

    /** True when silenced at {@code now}: an expired silence is not one. */
    public boolean silencedAt(Instant now) {
        return silencedUntil != null && silencedUntil.isAfter(now);
    }

    /** Where it stands at {@code now}. */
    public AlertState state(Instant now) {
        if (!open()) {
            return AlertState.CLEARED;
        }
        if (silencedAt(now)) {
            return AlertState.SILENCED;
        }
        return acknowledgedAt != null ? AlertState.ACKNOWLEDGED : AlertState.ACTIVE;
    }

    AlertRecord seen(Alert latest) {
        return new AlertRecord(latest, raisedAt, clearedAt, acknowledgedAt, acknowledgedBy, silencedUntil);
    }

    AlertRecord cleared(Instant at) {
        return new AlertRecord(alert, raisedAt, at, acknowledgedAt, acknowledgedBy, silencedUntil);
    }

    AlertRecord acknowledged(Instant at, String by) {
        return new AlertRecord(alert, raisedAt, clearedAt, at, by, silencedUntil);
    }

    AlertRecord silenced(Instant until) {
        return new AlertRecord(alert, raisedAt, clearedAt, acknowledgedAt, acknowledgedBy, until);
    }
}
