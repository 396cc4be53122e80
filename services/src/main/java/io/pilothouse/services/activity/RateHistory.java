package io.pilothouse.services.activity;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The last reads' counters of one node, and the rates between consecutive ones: transactions per second and WAL
 * bytes per second (written on a primary, replayed on a standby). A counter that went down (statistics reset, a
 * restart, a promotion changing what is measured) gives no point rather than a negative or huge one. Thread-safe.
 */
public final class RateHistory {

    /** Reads kept by default: a minute and a half of reads every 2 s. */
    public static final int DEFAULT_CAPACITY = 45;

    private final int capacity;
    private final Deque<ActivityCounters> samples = new ArrayDeque<>();

    public RateHistory(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("a rate needs at least two samples");
        }
        this.capacity = capacity;
    }

    /** Adds a read's counters (ignored when not later than the last one). */
    public synchronized void add(ActivityCounters c) {
        ActivityCounters last = samples.peekLast();
        if (last != null && !c.at().isAfter(last.at())) {
            return;
        }
        samples.addLast(c);
        while (samples.size() > capacity) {
            samples.removeFirst();
        }
    }

    /** Transactions per second between consecutive reads, oldest first. */
    public synchronized List<RatePoint> transactionsPerSecond() {
        return rates(true);
    }

    /** WAL bytes per second between consecutive reads, oldest first. */
    public synchronized List<RatePoint> walBytesPerSecond() {
        return rates(false);
    }

    private List<RatePoint> rates(boolean transactions) {
        List<RatePoint> out = new ArrayList<>();
        ActivityCounters previous = null;
        for (ActivityCounters c : samples) {
            if (previous != null) {
                Long from = transactions ? Long.valueOf(previous.transactions()) : previous.advancingPosition();
                Long to = transactions ? Long.valueOf(c.transactions()) : c.advancingPosition();
                double seconds = Duration.between(previous.at(), c.at()).toNanos() / 1e9;
                if (from != null && to != null && to >= from && seconds > 0) {
                    out.add(new RatePoint(c.at(), (to - from) / seconds));
                }
            }
            previous = c;
        }
        return out;
    }
}
