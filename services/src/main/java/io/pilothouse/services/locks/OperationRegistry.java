package io.pilothouse.services.locks;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The one registry of running operations: this process's (registered by the operation guard while it holds a
 * cluster's lock) and other operators' (read from the etcd lock keys by {@link OtherOperators}). Operations consult
 * it before they start ("is anything running on this cluster?"), the notifier consults it to tell a planned leader
 * change from an accident, and windows show it. Thread-safe.
 */
public final class OperationRegistry implements RunningOperationsFeed {

    /** How long after one of our operations ends its cluster's changes still count as planned (Patroni settles). */
    public static final Duration PLANNED_GRACE = Duration.ofSeconds(45);

    private static final Logger LOG = LoggerFactory.getLogger(OperationRegistry.class);

    private final Clock clock;
    private final Duration grace;
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, RunningOperation> own = new LinkedHashMap<>();
    private final Map<String, Instant> lastEnded = new LinkedHashMap<>();
    private final Map<String, String> lastAction = new LinkedHashMap<>();
    private final ThreadLocal<Registration> current = new ThreadLocal<>();
    private final List<Consumer<List<RunningOperation>>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<RunningOperation>> finished = new CopyOnWriteArrayList<>();
    private List<RunningOperation> others = List.of();

    public OperationRegistry(Clock clock, Duration grace) {
        this.clock = clock;
        this.grace = grace;
    }

    /** With the system clock and {@link #PLANNED_GRACE}. */
    public OperationRegistry() {
        this(Clock.systemUTC(), PLANNED_GRACE);
    }

    /**
     * Registers an operation this process starts on {@code scope}; it is the current one of the calling thread until
     * the registration is closed.
     */
    public Registration begin(String scope, String action, String target, String holds) {
        LockHolder me = LockHolder.current(action);
        RunningOperation op = new RunningOperation("op-" + ids.incrementAndGet(), scope, action, target,
                RunningOperation.Origin.THIS_APP, me.describe(), clock.instant(), holds, null, null);
        synchronized (this) {
            own.put(op.id(), op);
        }
        Registration r = new Registration(op.id(), current.get());
        current.set(r);
        changed();
        return r;
    }

    /** The registration of the operation the calling thread runs, if any (steps report through it). */
    public Optional<Registration> current() {
        return Optional.ofNullable(current.get());
    }

    /** Everything running, ours first, each group oldest first. */
    public synchronized List<RunningOperation> running() {
        List<RunningOperation> all = new ArrayList<>(own.values());
        List<RunningOperation> theirs = new ArrayList<>(others);
        theirs.sort(Comparator.comparing(RunningOperation::since));
        all.addAll(theirs);
        return List.copyOf(all);
    }

    /** What runs on cluster {@code scope} (ours and other operators'). */
    public List<RunningOperation> runningOn(String scope) {
        return running().stream().filter(o -> o.scope().equals(scope)).toList();
    }

    /**
     * True while one of our operations runs on {@code scope}, and for the grace period after it ended: a leader
     * change or a member briefly lost then is the operation's doing, not news.
     */
    public synchronized boolean plannedChangeOn(String scope) {
        if (own.values().stream().anyMatch(o -> o.scope().equals(scope))) {
            return true;
        }
        Instant ended = lastEnded.get(scope);
        return ended != null && !clock.instant().isAfter(ended.plus(grace));
    }

    /** What this process runs on {@code scope} now or ran within the grace period, e.g. {@code switchover}. */
    public synchronized Optional<String> plannedActionOn(String scope) {
        return own.values().stream().filter(o -> o.scope().equals(scope)).map(RunningOperation::action).findFirst()
                .or(() -> plannedChangeOn(scope) ? Optional.ofNullable(lastAction.get(scope)) : Optional.empty());
    }

    /**
     * Replaces what other operators run, as read from the lock store; our own locks (same host and pid) are left
     * out, as they are registered already.
     */
    public void othersSeen(List<RunningOperation> seen) {
        String me = LockHolder.current("").describe();
        List<RunningOperation> theirs = seen.stream().filter(o -> !o.holder().equals(me)).toList();
        synchronized (this) {
            if (theirs.equals(others)) {
                return;
            }
            others = theirs;
        }
        changed();
    }

    @Override
    public AutoCloseable subscribe(Consumer<List<RunningOperation>> listener) {
        listeners.add(listener);
        listener.accept(running());
        return () -> listeners.remove(listener);
    }

    /** Calls {@code listener} after each of our operations ends (views re-read what it changed). */
    public AutoCloseable onFinished(Consumer<RunningOperation> listener) {
        finished.add(listener);
        return () -> finished.remove(listener);
    }

    private synchronized void update(String id, java.util.function.UnaryOperator<RunningOperation> change) {
        RunningOperation op = own.get(id);
        if (op != null) {
            own.put(id, change.apply(op));
        }
    }

    private void end(Registration r) {
        RunningOperation op;
        synchronized (this) {
            op = own.remove(r.id);
            if (op != null) {
                lastEnded.put(op.scope(), clock.instant());
                lastAction.put(op.scope(), op.action());
            }
        }
        if (current.get() == r) {
            if (r.outer == null) {
                current.remove();
            } else {
                current.set(r.outer);
            }
        }
        changed();
        if (op != null) {
            RunningOperation ended = op;
            finished.forEach(l -> tell(l, ended));
        }
    }

    private void changed() {
        List<RunningOperation> now = running();
        listeners.forEach(l -> tell(l, now));
    }

    private static <T> void tell(Consumer<T> listener, T value) {
        try {
            listener.accept(value);
        } catch (RuntimeException e) {
            // A broken window must not break the operation that reports to it.
            LOG.warn("A running-operations listener failed: {}", e.toString());
        }
    }

    /** One of our operations, while it runs: its steps and waits are reported here. Closing ends it. */
    public final class Registration implements AutoCloseable {

        private final String id;
        private final Registration outer;
        private boolean closed;

        private Registration(String id, Registration outer) {
            this.id = id;
            this.outer = outer;
        }

        /** The operation's id in {@link #running()}. */
        public String id() {
            return id;
        }

        /** The step that runs now ("Subscribing shard2 to ph_move_…"); clears any wait. */
        public void step(String step) {
            update(id, o -> o.withStep(step));
            changed();
        }

        /** What the step waits on, in words; null when it no longer waits. */
        public void waiting(String what) {
            update(id, o -> o.withWaitingOn(what));
            changed();
        }

        @Override
        public void close() {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            end(this);
        }
    }
}
