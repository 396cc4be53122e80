package io.pilothouse.services.alerts;

import io.pilothouse.services.policy.MutationGate;
import io.pilothouse.services.policy.MutationRequest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The app's history of alerts: every raise, kept after it clears (newest {@code capacity} cleared ones), with
 * acknowledgements and silences. Acknowledging and silencing go through the {@link MutationGate}: refused in a
 * read-only workspace, audited either way. A silence belongs to the condition (the alert's id), so a flapping alert
 * stays silenced across its raises until the silence expires; a silenced alert is still listed, as silenced, and
 * {@link #silenced(String)} tells notifiers to keep quiet about it. An acknowledgement belongs to one raise.
 *
 * <p>Thread-safe: events arrive on I/O threads, views read {@link #entries()} once per frame.
 */
public final class AlertLedger implements AutoCloseable {

    /** Shortest and longest silence: a silence is a decision for a while, not a way to switch a rule off. */
    public static final Duration MIN_SILENCE = Duration.ofMinutes(1);
    public static final Duration MAX_SILENCE = Duration.ofDays(7);

    private final MutationGate gate;
    private final Clock clock;
    private final int capacity;
    private final String user;
    private final Map<String, AlertRecord> open = new LinkedHashMap<>();
    private final Deque<AlertRecord> cleared = new ArrayDeque<>();
    private final Map<String, Instant> silences = new LinkedHashMap<>();
    private final AtomicLong version = new AtomicLong();
    private volatile List<AlertRecord> entries = List.of();
    private AutoCloseable subscription;

    /**
     * @param user     who acknowledges, as shown next to the acknowledgement (the gate audits its own user)
     * @param capacity how many cleared alerts are kept
     */
    public AlertLedger(MutationGate gate, Clock clock, String user, int capacity) {
        this.user = user == null ? "" : user;
        this.gate = Objects.requireNonNull(gate, "gate");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.capacity = Math.max(1, capacity);
    }

    /** Records the alerts active now and every raise and clear of {@code feed} from here on. */
    public synchronized AlertLedger follow(AlertsFeed feed) {
        subscription = feed.onEvent(this::record);
        for (Alert a : feed.latest().alerts()) {
            open.putIfAbsent(a.id(), new AlertRecord(a, feed.latest().evaluatedAt(), null, null, null,
                    silences.get(a.id())));
        }
        publish();
        return this;
    }

    /** Records one raise or clear. */
    public synchronized void record(AlertEvent e) {
        Alert a = e.alert();
        if (e.type() == AlertEvent.Type.ALERT_RAISED) {
            AlertRecord before = open.get(a.id());
            open.put(a.id(), before != null ? before.seen(a)
                    : new AlertRecord(a, e.at(), null, null, null, silences.get(a.id())));
        } else {
            AlertRecord r = open.remove(a.id());
            cleared.addFirst((r == null ? new AlertRecord(a, a.since(), null, null, null, silences.get(a.id()))
                    : r.seen(a)).cleared(e.at()));
            while (cleared.size() > capacity) {
                cleared.removeLast();
            }
        }
        publish();
    }

    /** Open alerts (most severe, oldest first), then cleared ones (most recently cleared first). */
    public List<AlertRecord> entries() {
        return entries;
    }

    /** Moves whenever {@link #entries()} changes: views compare it once per frame. */
    public long version() {
        return version.get();
    }

    /** True when notifications about the condition {@code id} are silenced now. */
    public synchronized boolean silenced(String id) {
        Instant until = silences.get(id);
        return until != null && until.isAfter(clock.instant());
    }

    /**
     * Acknowledges the open alert {@code id}: someone is on it.
     *
     * @throws IllegalArgumentException when there is no such open alert (it cleared, or the id is wrong)
     * @throws io.pilothouse.services.policy.ReadOnlyWorkspaceException in a read-only workspace (audited)
     */
    public AlertRecord acknowledge(String id) throws Exception {
        AlertRecord r = openOrThrow(id);
        return gate.run(request("alert-acknowledge", r, Map.of("rule", r.alert().rule().key())), trail -> {
            synchronized (this) {
                AlertRecord now = open.get(id);
                if (now == null) {
                    throw new IllegalArgumentException(id + " cleared meanwhile; nothing to acknowledge");
                }
                AlertRecord done = now.acknowledged(clock.instant(), user);
                open.put(id, done);
                publish();
                return done;
            }
        });
    }

    /**
     * Silences the condition {@code id} for {@code duration} from now ({@link #MIN_SILENCE} to
     * {@link #MAX_SILENCE}); it stays listed, as silenced, and notifiers keep quiet until the silence expires.
     *
     * @throws IllegalArgumentException for a duration out of range or an id not in the history
     */
    public AlertRecord silence(String id, Duration duration) throws Exception {
        if (duration == null || duration.compareTo(MIN_SILENCE) < 0 || duration.compareTo(MAX_SILENCE) > 0) {
            throw new IllegalArgumentException("silence for between 1 minute and 7 days, not " + duration);
        }
        AlertRecord r = anyOrThrow(id);
        Instant until = clock.instant().plus(duration);
        return gate.run(request("alert-silence", r, Map.of("until", until.toString(), "rule",
                r.alert().rule().key())), trail -> setSilence(id, until));
    }

    /** Ends the silence of {@code id} now (audited). */
    public AlertRecord unsilence(String id) throws Exception {
        AlertRecord r = anyOrThrow(id);
        return gate.run(request("alert-unsilence", r, Map.of("rule", r.alert().rule().key())),
                trail -> setSilence(id, clock.instant()));
    }

    private synchronized AlertRecord setSilence(String id, Instant until) {
        silences.put(id, until);
        AlertRecord o = open.get(id);
        if (o != null) {
            open.put(id, o.silenced(until));
        }
        publish();
        return o != null ? o.silenced(until) : anyOrThrow(id);
    }

    private static MutationRequest request(String action, AlertRecord r, Map<String, String> parameters) {
        return new MutationRequest(action, r.alert().source() + "/" + r.alert().cluster(), r.id(), parameters);
    }

    private synchronized AlertRecord openOrThrow(String id) {
        AlertRecord r = open.get(id);
        if (r == null) {
            throw new IllegalArgumentException(cleared.stream().anyMatch(c -> c.id().equals(id))
                    ? id + " has cleared; only an open alert can be acknowledged"
                    : "no alert " + id + " in this session's history");
        }
        return r;
    }

    private synchronized AlertRecord anyOrThrow(String id) {
        AlertRecord r = open.get(id);
        if (r != null) {
            return r;
        }
        return cleared.stream().filter(c -> c.id().equals(id)).findFirst().map(c -> c.silenced(silences.get(id)))
                .orElseThrow(() -> new IllegalArgumentException("no alert " + id + " in this session's history"));
    }

    private void publish() {
        List<AlertRecord> list = new ArrayList<>(open.values().stream()
                .sorted(Comparator.comparing(AlertRecord::alert, Alert.ORDER)).toList());
        list.addAll(cleared);
        entries = List.copyOf(list);
        version.incrementAndGet();
    }

    @Override
    public synchronized void close() {
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                // the feed is closing too; nothing to keep
            }
        }
    }
}
