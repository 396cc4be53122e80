package io.pilothouse.services.history.store;

import io.pilothouse.services.alerts.ActiveAlerts;
import io.pilothouse.services.model.EstateSnapshot;

import java.time.Instant;

/**
 * The estate as the store rebuilds it for one second: the latest full snapshot at or before it, with each member's
 * lag from that second's samples, and the alerts active then.
 *
 * @param at           the second asked for
 * @param snapshotTime when the snapshot used was taken (at or before {@code at})
 * @param estate       the rebuilt model
 * @param alerts       alerts raised before {@code at} and not cleared by then
 */
public record PastMoment(Instant at, Instant snapshotTime, EstateSnapshot estate, ActiveAlerts alerts) {
}
