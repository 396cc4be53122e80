package io.pilothouse.services.live;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When to ask again what did not answer. Only what has <em>never</em> answered backs off: the first {@value #PATIENT}
 * failures in a row wait {@code first} each, every further one twice as long as the one before, up to {@code max}; a
 * sign of life from elsewhere (its DCS member key changed) resets that. A member that has answered before and stops is
 * a fault being watched: it is asked at the normal pace ({@code first}), so its recovery is seen at once (a backed-off
 * member that came back read stale for up to the cap in a `watch`, and the fault suite waited for it in vain). A member
 * that is gone from the start (or simulated, with no REST or SQL at all) then costs one attempt every {@code max}
 * instead of one a second, which is what keeps an estate of hundreds of unreachable members idle.
 */
final class PollBackoff {

    /** Failures in a row answered at the normal pace before waits grow. */
    static final int PATIENT = 3;

    /**
     * The live view's: 1 s after each of the first three failures, then 2, 4, 8 ... up to 5 minutes. The cap only
     * ever applies to what has never answered (what answered once is asked every second), and a member that starts
     * writes its DCS key, which resets its wait: so the cap is how late an endpoint that was <em>never</em> reachable
     * and becomes so without its key changing is seen (a firewall opened). On an estate of 1,500 unreachable members
     * (REST and SQL) 8 s cost 375 attempts a second, 60 s 50 (3 % of a core idle, the largest share left), 5 min 10.
     */
    static PollBackoff live(Clock clock) {
        return new PollBackoff(clock, Duration.ofSeconds(1), Duration.ofMinutes(5));
    }

    /** One that never waits: every attempt is due. */
    static PollBackoff never(Clock clock) {
        return new PollBackoff(clock, Duration.ZERO, Duration.ZERO);
    }

    private record State(int failures, long notBeforeMillis) {
    }

    private final Clock clock;
    private final long firstMillis;
    private final long maxMillis;
    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final java.util.Set<String> answeredOnce = ConcurrentHashMap.newKeySet();

    PollBackoff(Clock clock, Duration first, Duration max) {
        this.clock = clock;
        this.firstMillis = first.toMillis();
        this.maxMillis = max.toMillis();
    }

    /** True when {@code key} may be asked now: it never failed, or its wait is over. */
    boolean due(String key) {
        State s = states.get(key);
        return s == null || clock.millis() >= s.notBeforeMillis();
    }

    /** {@code key} did not answer: wait longer before the next attempt. */
    void failed(String key) {
        states.compute(key, (k, s) -> {
            int failures = s == null ? 1 : s.failures() + 1;
            long wait = failures <= PATIENT || answeredOnce.contains(key) ? firstMillis
                    : Math.min(maxMillis, firstMillis << Math.min(20, failures - PATIENT));
            return new State(failures, clock.millis() + wait);
        });
    }

    /** {@code key} answered: ask it at the normal pace again, and keep that pace should it stop answering. */
    void succeeded(String key) {
        answeredOnce.add(key);
        states.remove(key);
    }

    /** A sign of life of {@code key} from elsewhere (its DCS member key changed): due at once, waits start over. */
    void reset(String key) {
        states.remove(key);
    }

    /** Failures in a row of {@code key} (0 when it answered last or was never asked). */
    int failures(String key) {
        State s = states.get(key);
        return s == null ? 0 : s.failures();
    }

    /** Forgets keys no longer polled (members that left), so the map stays as big as the cluster. */
    void retainOnly(java.util.Collection<String> keys) {
        states.keySet().retainAll(keys);
        answeredOnce.retainAll(keys);
    }
}
