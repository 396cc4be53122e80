package io.pilothouse.services.history;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When to read a cluster's timelines again: {@code interval} after an answer; after failures in a row, twice as long
 * as the wait before, up to {@code max} (an estate of 500 clusters whose members never answer asked 500 times every
 * 30 s); at once after {@link #reset} (its leader changed) or when never asked.
 */
final class TimelineSchedule {

    /** The longest wait after failures: timelines only change with a leader, which resets the wait anyway. */
    static final Duration MAX_WAIT = Duration.ofMinutes(5);

    private record State(int failures, Instant notBefore) {
    }

    private final Duration interval;
    private final Duration max;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    TimelineSchedule(Duration interval, Duration max) {
        this.interval = interval;
        this.max = max;
    }

    boolean due(String key, Instant now) {
        State s = states.get(key);
        return s == null || !now.isBefore(s.notBefore());
    }

    void succeeded(String key, Instant now) {
        states.put(key, new State(0, now.plus(interval)));
    }

    void failed(String key, Instant now) {
        states.compute(key, (k, s) -> {
            int failures = s == null ? 1 : s.failures() + 1;
            Duration wait = interval.multipliedBy(1L << Math.min(20, failures - 1));
            return new State(failures, now.plus(wait.compareTo(max) > 0 ? max : wait));
        });
    }

    /** Due at once, waits start over. */
    void reset(String key) {
        states.remove(key);
    }

    /** Forgets clusters that are gone. */
    void retainOnly(java.util.Set<String> keys) {
        states.keySet().retainAll(keys);
    }
}
