package io.pilothouse.services.metrics;

/**
 * A fixed-capacity ring buffer of (time, value) samples in two primitive arrays: no boxing, no allocation per
 * sample. The default capacity holds 24 h at 1 Hz; memory per series is {@code (capacity + 1) × 16 B}
 * (8 B {@code long} time + 8 B {@code double} value), i.e. 86,401 × 16 B ≈ 1.38 MB.
 *
 * <p>Threading: one writer, any number of readers, no locks. The writer stores a slot, then publishes it by
 * writing the volatile count. A reader copies a range and then re-reads the count: any slot the writer may
 * have overwritten meanwhile (a reader lapped by a full ring) is dropped from the front of the copy, so a reader
 * never returns a torn or out-of-order sample.
 *
 * <p>Memory grows with the samples held: the arrays start at {@value #INITIAL_SLOTS} slots and double until they hold
 * the capacity, so a series costs what it holds (ten minutes at 1 Hz: about 16 KB), not 1.38 MB from its first
 * sample — which an estate of 1,500 members made 2 GB. Before the ring first wraps, logical index i is slot i in
 * any array generation; the writer publishes a grown copy before the count that needs it, and readers read the count
 * before the arrays.
 *
 * <p>Times must not go backwards: a sample older than the newest is ignored (a wall-clock step back would
 * otherwise break the binary search that range reads rely on).
 */
public final class RingSeries {

    /** 24 h at one sample per second. */
    public static final int DEFAULT_CAPACITY = 86_400;

    /** Slots of a new series' arrays. */
    static final int INITIAL_SLOTS = 256;

    /** The two arrays of one generation, replaced together while the series grows. */
    private record Arrays(long[] times, double[] values) {
        int length() {
            return times.length;
        }
    }

    private volatile Arrays arrays;
    private final int capacity;
    /** One slot more than the capacity: the slot the writer may be overwriting is never one a reader needs. */
    private final int slots;
    /** Number of samples ever appended; slot of logical index i is {@code i % slots}. */
    private volatile long count;

    /** A series holding {@link #DEFAULT_CAPACITY} samples. */
    public RingSeries() {
        this(DEFAULT_CAPACITY);
    }

    /** A series holding the last {@code capacity} samples. */
    public RingSeries(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("capacity must be at least 2: " + capacity);
        }
        this.capacity = capacity;
        this.slots = capacity + 1;
        int initial = Math.min(slots, INITIAL_SLOTS);
        this.arrays = new Arrays(new long[initial], new double[initial]);
    }

    /** Appends a sample. Single writer only. Returns false if the time is older than the newest sample. */
    public boolean append(long timeMillis, double value) {
        long n = count;
        Arrays a = arrays;
        if (n > 0 && timeMillis < a.times()[(int) ((n - 1) % slots)]) {
            return false;
        }
        if (n == a.length() && a.length() < slots) {
            // Not wrapped yet (only a full-size array wraps): slots 0..n-1 hold indexes 0..n-1, copied as they are.
            int grown = (int) Math.min(slots, 2L * a.length());
            a = new Arrays(java.util.Arrays.copyOf(a.times(), grown), java.util.Arrays.copyOf(a.values(), grown));
            arrays = a;
        }
        int slot = (int) (n % slots);
        a.times()[slot] = timeMillis;
        a.values()[slot] = value;
        count = n + 1; // volatile write publishes the slot
        return true;
    }

    /** Samples held now (at most the capacity). */
    public int size() {
        return (int) Math.min(count, capacity);
    }

    /** Maximum number of samples held. */
    public int capacity() {
        return capacity;
    }

    /** Grows by one with every append: readers compare it to skip unchanged series. */
    public long version() {
        return count;
    }

    /** Bytes of the two arrays. */
    public long memoryBytes() {
        return (long) arrays.length() * (Long.BYTES + Double.BYTES);
    }

    /** Time of the newest sample, or {@code Long.MIN_VALUE} when empty. */
    public long lastTime() {
        long n = count;
        return n == 0 ? Long.MIN_VALUE : arrays.times()[(int) ((n - 1) % slots)];
    }

    /** Value of the newest sample, or NaN when empty. */
    public double lastValue() {
        long n = count;
        return n == 0 ? Double.NaN : arrays.values()[(int) ((n - 1) % slots)];
    }

    /**
     * Copies the samples with {@code from <= time <= to}, oldest first, into the caller's arrays. When more match
     * than the arrays hold, the newest are kept (a live chart wants the latest end). Safe from any thread.
     *
     * @return number of samples copied
     */
    public int copyRange(long fromMillis, long toMillis, long[] timesOut, double[] valuesOut) {
        int room = Math.min(timesOut.length, valuesOut.length);
        long end = count;
        Arrays a = arrays; // read after the count: holds every index below it
        long start = Math.max(0, end - capacity);
        long lo = lowerBound(a, start, end, fromMillis);
        long hi = lowerBound(a, lo, end, toMillis + 1 == Long.MIN_VALUE ? Long.MAX_VALUE : toMillis + 1);
        if (hi - lo > room) {
            lo = hi - room;
        }
        int n = (int) (hi - lo);
        for (int i = 0; i < n; i++) {
            int slot = (int) ((lo + i) % slots);
            timesOut[i] = a.times()[slot];
            valuesOut[i] = a.values()[slot];
        }
        // Drop what the writer may have overwritten while we copied.
        long safeStart = count - slots + 1;
        if (lo < safeStart) {
            int skip = (int) Math.min(n, safeStart - lo);
            System.arraycopy(timesOut, skip, timesOut, 0, n - skip);
            System.arraycopy(valuesOut, skip, valuesOut, 0, n - skip);
            n -= skip;
        }
        return n;
    }

    /** Copies every sample held, oldest first; arrays sized exactly. */
    public Snapshot snapshot() {
        int held = size();
        long[] t = new long[held + 1];
        double[] v = new double[held + 1];
        int n = copyRange(Long.MIN_VALUE, Long.MAX_VALUE - 1, t, v);
        return new Snapshot(java.util.Arrays.copyOf(t, n), java.util.Arrays.copyOf(v, n));
    }

    /** First logical index in [lo, hi) whose time is >= key. */
    private long lowerBound(Arrays a, long lo, long hi, long key) {
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            if (a.times()[(int) (mid % slots)] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * An immutable-by-convention copy of a series.
     *
     * @param times  epoch milliseconds, ascending
     * @param values values in the series' unit
     */
    public record Snapshot(long[] times, double[] values) {
        /** Number of samples. */
        public int size() {
            return times.length;
        }
    }
}
