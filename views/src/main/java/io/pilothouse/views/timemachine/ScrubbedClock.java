package io.pilothouse.views.timemachine;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The wall clock, or the scrubbed second while the time machine shows the past: ages on the cards ("seen 2 s ago")
 * are then measured from that second, as they read at the time, instead of making the whole past look stale.
 */
public final class ScrubbedClock extends Clock {

    private final Clock wall;
    private final TimeMachineViewModel machine;

    public ScrubbedClock(Clock wall, TimeMachineViewModel machine) {
        this.wall = wall;
        this.machine = machine;
    }

    @Override
    public ZoneId getZone() {
        return wall.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new ScrubbedClock(wall.withZone(zone), machine);
    }

    @Override
    public Instant instant() {
        var m = machine.shown();
        return m == null ? wall.instant() : m.at();
    }
}
