package io.pilothouse.services.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A UTC clock a test moves by hand: it reads what the test last set, never the time of day. */
public final class HandClock extends Clock {

    private volatile Instant now;

    public HandClock(Instant start) {
        this.now = start;
    }

    /** Moves the clock on by {@code d}. */
    public void advance(Duration d) {
        now = now.plus(d);
    }

    /** Moves the clock on by {@code seconds}. */
    public void advanceSeconds(long seconds) {
        now = now.plusSeconds(seconds);
    }

    /** Sets the clock to {@code t}. */
    public void set(Instant t) {
        now = t;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
