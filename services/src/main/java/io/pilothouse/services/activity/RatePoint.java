package io.pilothouse.services.activity;

import java.time.Instant;

/**
 * One rate between two reads of a node.
 *
 * @param at       the later read's time
 * @param perSecond the counter's increase per second between the two reads
 */
public record RatePoint(Instant at, double perSecond) {
}
