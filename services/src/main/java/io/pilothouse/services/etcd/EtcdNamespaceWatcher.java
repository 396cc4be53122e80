package io.pilothouse.services.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.LeaseOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import io.pilothouse.services.model.Freshness;
import io.pilothouse.services.model.SourceKind;
import io.pilothouse.services.model.SourceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Follows every Patroni cluster under one etcd namespace with a single prefix watch: a full read, then a watch from
 * the next revision. A periodic tick checks that etcd still answers (a watch can sit silently on a dead server),
 * reads the leader leases' remaining seconds, and re-synchronises after a loss.
 *
 * <p>The watch callback runs on a gRPC thread; listeners must be quick and never touch a UI toolkit.
 */
public final class EtcdNamespaceWatcher implements EtcdNamespaceSource {

    /** What the watcher reports. Called from gRPC or scheduler threads. */
    public interface Listener {
        /** A cluster's keys changed (or were read for the first time). */
        void clusterChanged(DcsView view);

        /** Every key of a cluster is gone. */
        void clusterRemoved(String cluster);

        /** Health of the etcd source changed or was confirmed. */
        void status(SourceStatus status);

        /** Remaining seconds of the leader key's lease ({@code null} when there is no leader key). */
        void leaderLease(String cluster, Long secondsLeft);
    }

    private static final Logger LOG = LoggerFactory.getLogger(EtcdNamespaceWatcher.class);

    private final io.pilothouse.services.workspace.EtcdConfig config;
    private final EtcdClients.EtcdPassword passwords;
    private final List<String> endpoints;
    private final String namespace;
    private final ByteSequence prefix;
    private final ScheduledExecutorService scheduler;
    private final Listener listener;
    private final Duration timeout;
    private final Clock clock;

    private final Object lock = new Object();
    private final Map<String, Map<String, DcsValue>> clusters = new HashMap<>();
    private volatile Client client;
    /** Set after a failed tick: the next one starts from a fresh client (see {@link #failed}). */
    private volatile boolean renewClient;
    /** True once etcd gave a definite answer: it answered, or refused the connection (nothing listens). */
    private volatile boolean answered;
    private volatile long clientCreatedAt;
    /** The certificate problem found after the last failure, or null. */
    private volatile String tlsProblem;
    /**
     * A failing client older than this is replaced. Young enough that gRPC's back-off has not grown past a few
     * seconds (1, 1.6, 2.6 s …), old enough that a slow first connection on a busy machine gets several ticks.
     */
    private static final long RENEW_AFTER_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(6);
    private Watch.Watcher watcher;
    private boolean synced;
    private Instant lastSuccess;
    private Freshness freshness = Freshness.UNKNOWN;
    private ScheduledFuture<?> tick;
    private volatile boolean closed;

    public EtcdNamespaceWatcher(List<String> endpoints, String namespace, ScheduledExecutorService scheduler,
                                Duration tickInterval, Listener listener) {
        this(endpoints, namespace, scheduler, tickInterval, Duration.ofMillis(1500), Clock.systemUTC(), listener);
    }

    /** As above, each etcd request bounded by {@code timeout}. */
    public EtcdNamespaceWatcher(List<String> endpoints, String namespace, ScheduledExecutorService scheduler,
                                Duration tickInterval, Duration timeout, Listener listener) {
        this(endpoints, namespace, scheduler, tickInterval, timeout, Clock.systemUTC(), listener);
    }

    EtcdNamespaceWatcher(List<String> endpoints, String namespace, ScheduledExecutorService scheduler,
                         Duration tickInterval, Duration timeout, Clock clock, Listener listener) {
        this(new io.pilothouse.services.workspace.EtcdConfig(endpoints, namespace), EtcdClients.EtcdPassword.NONE,
                scheduler, tickInterval, timeout, clock, listener);
    }

    /**
     * A watcher of {@code etcd}'s namespace with its TLS files and user; {@code passwords} finds the user's password.
     */
    public EtcdNamespaceWatcher(io.pilothouse.services.workspace.EtcdConfig etcd, EtcdClients.EtcdPassword passwords,
                                ScheduledExecutorService scheduler, Duration tickInterval, Duration timeout,
                                Listener listener) {
        this(etcd, passwords, scheduler, tickInterval, timeout, Clock.systemUTC(), listener);
    }

    private EtcdNamespaceWatcher(io.pilothouse.services.workspace.EtcdConfig etcd, EtcdClients.EtcdPassword passwords,
                                 ScheduledExecutorService scheduler, Duration tickInterval, Duration timeout,
                                 Clock clock, Listener listener) {
        this.config = etcd;
        this.passwords = passwords;
        String namespace = etcd.namespace();
        this.endpoints = List.copyOf(etcd.endpoints());
        this.namespace = namespace;
        this.prefix = bytes(namespace);
        this.scheduler = scheduler;
        this.listener = listener;
        this.timeout = timeout;
        this.clock = clock;
        this.tickInterval = tickInterval;
    }

    private final Duration tickInterval;

    /** Starts reading in the background; returns at once. */
    @Override
    public void start() {
        try {
            client = newClient();
        } catch (RuntimeException e) {
            // Unusable TLS files or no password: a definite answer, reported like any failure and tried again.
            failed(e);
        }
        tick = scheduler.scheduleWithFixedDelay(this::tick, 0, tickInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * True once etcd answered or refused the connection outright: a one-shot reader may stop waiting for it then.
     * A silent etcd (stopped, partitioned) is not an answer.
     */
    @Override
    public boolean answered() {
        return answered;
    }

    private Client newClient() {
        Client built = EtcdClients.builder(config, timeout, passwords).build();
        clientCreatedAt = System.nanoTime();
        return built;
    }

    /** The etcd endpoints, for messages. */
    @Override
    public String describe() {
        return String.join(",", endpoints) + " " + namespace;
    }

    private void tick() {
        if (closed) {
            return;
        }
        try {
            if (renewClient || client == null) {
                renewClient = false;
                closeWatcher();
                Client old = client;
                client = newClient();
                if (old != null) {
                    old.close();
                }
            }
            boolean needSync;
            synchronized (lock) {
                needSync = !synced;
            }
            if (needSync) {
                resync();
            }
            readLeases();
            succeeded();
        } catch (Exception e) {
            try {
                failed(e);
            } catch (RuntimeException listenerFailure) {
                // An exception escaping a scheduled task cancels it silently: etcd would never be checked again.
                LOG.warn("etcd {}: reporting a failure failed", describe(), listenerFailure);
            }
        }
    }

    /** Full read of the namespace, then a watch from the revision after it: no change can fall in between. */
    private void resync() throws Exception {
        closeWatcher();
        GetResponse all = client.getKVClient().get(prefix, GetOption.builder().isPrefix(true).build())
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        long revision = all.getHeader().getRevision();
        Map<String, Map<String, DcsValue>> fresh = new HashMap<>();
        for (KeyValue kv : all.getKvs()) {
            DcsKey key = DcsKey.parse(namespace, text(kv.getKey()));
            if (key != null) {
                fresh.computeIfAbsent(key.cluster(), c -> new TreeMap<>()).put(keyName(key), value(kv));
            }
        }
        Set<String> removed;
        synchronized (lock) {
            removed = new HashSet<>(clusters.keySet());
            removed.removeAll(fresh.keySet());
            clusters.clear();
            clusters.putAll(fresh);
            watcher = client.getWatchClient().watch(prefix,
                    WatchOption.builder().isPrefix(true).withRevision(revision + 1).build(),
                    Watch.listener(this::onWatch, this::onWatchError));
            synced = true;
        }
        removed.forEach(listener::clusterRemoved);
        fresh.keySet().forEach(this::publish);
        LOG.debug("etcd {}: synchronised {} clusters at revision {}", describe(), fresh.size(), revision);
    }

    private void onWatch(WatchResponse response) {
        Set<String> touched = new HashSet<>();
        synchronized (lock) {
            for (WatchEvent event : response.getEvents()) {
                KeyValue kv = event.getKeyValue();
                DcsKey key = DcsKey.parse(namespace, text(kv.getKey()));
                if (key == null) {
                    continue;
                }
                Map<String, DcsValue> keys = clusters.computeIfAbsent(key.cluster(), c -> new TreeMap<>());
                if (event.getEventType() == WatchEvent.EventType.DELETE) {
                    keys.remove(keyName(key));
                } else {
                    keys.put(keyName(key), value(kv));
                }
                touched.add(key.cluster());
            }
            lastSuccess = clock.instant();
        }
        touched.forEach(this::publish);
    }

    private void onWatchError(Throwable error) {
        LOG.debug("etcd watch {} failed: {}", describe(), error.toString());
        synchronized (lock) {
            synced = false;
        }
    }

    private void publish(String cluster) {
        Map<String, DcsValue> copy;
        synchronized (lock) {
            Map<String, DcsValue> keys = clusters.get(cluster);
            if (keys == null || keys.isEmpty()) {
                clusters.remove(cluster);
                copy = null;
            } else {
                copy = new TreeMap<>(keys);
            }
        }
        if (copy == null) {
            listener.clusterRemoved(cluster);
        } else {
            listener.clusterChanged(DcsViewParser.parse(cluster, copy));
        }
    }

    private void readLeases() throws Exception {
        Map<String, Long> leases = new HashMap<>();
        synchronized (lock) {
            clusters.forEach((cluster, keys) -> {
                DcsValue leader = keys.get("leader");
                leases.put(cluster, leader == null ? 0L : leader.lease());
            });
        }
        if (leases.isEmpty()) {
            // Nothing to read a lease of: still prove etcd answers.
            client.getKVClient().get(prefix, GetOption.builder().isPrefix(true).withCountOnly(true).build())
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        // At most LEASES_PER_TICK leases are read per tick, in turn, all requests in flight together: an estate of
        // hundreds of clusters costs a bounded slice a second, each lease read every ceil(n / slice) ticks.
        List<String> names = new java.util.ArrayList<>(new java.util.TreeSet<>(leases.keySet()));
        int slice = Math.min(names.size(), LEASES_PER_TICK);
        Map<String, java.util.concurrent.CompletableFuture<io.etcd.jetcd.lease.LeaseTimeToLiveResponse>> asked =
                new java.util.LinkedHashMap<>();
        for (int i = 0; i < slice; i++) {
            String cluster = names.get((int) ((leaseCursor + i) % names.size()));
            long lease = leases.get(cluster);
            if (lease == 0L) {
                listener.leaderLease(cluster, null);
            } else {
                asked.put(cluster, client.getLeaseClient().timeToLive(lease, LeaseOption.DEFAULT));
            }
        }
        leaseCursor = (leaseCursor + slice) % Math.max(1, names.size());
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Map.Entry<String, java.util.concurrent.CompletableFuture<io.etcd.jetcd.lease.LeaseTimeToLiveResponse>> e
                : asked.entrySet()) {
            long ttl = e.getValue().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS).getTTL();
            listener.leaderLease(e.getKey(), ttl < 0 ? 0L : ttl);
        }
    }

    /** Leases read per tick at most (see {@link #readLeases}). */
    static final int LEASES_PER_TICK = 50;
    private long leaseCursor;

    private void succeeded() {
        synchronized (lock) {
            lastSuccess = clock.instant();
            freshness = Freshness.LIVE;
        }
        listener.status(new SourceStatus(SourceKind.ETCD, Freshness.LIVE, lastSuccess, null));
        // After the listener: whoever sees answered() also sees the clusters carry this status.
        answered = true;
    }

    private void failed(Exception e) {
        // gRPC keeps retrying a failed handshake until the deadline and then reports a timeout: ask TLS itself.
        tlsProblem = config.usesTls() && !(e instanceof IllegalStateException) ? EtcdTlsCheck.problem(config, timeout)
                .orElse(null) : null;
        String reason = tlsProblem != null ? tlsProblem : reason(e);
        Instant last;
        synchronized (lock) {
            synced = false;
            freshness = Freshness.UNREACHABLE;
            last = lastSuccess;
        }
        closeWatcher();
        // A certificate that does not verify, or no password, will not fix itself: a definite answer.
        boolean definite = refused(e) || tlsProblem != null || e instanceof IllegalStateException;
        // gRPC reconnects with an exponential back-off (up to two minutes) while the server is down, so a client
        // kept across a long outage sees etcd back only that late (97.7 s was seen). A failing client is replaced
        // once it is a few seconds old, so the one in use never has a long back-off.
        // Over TLS the first call also shakes hands and authenticates: a client that young is still connecting.
        long renewAfter = config.usesTls() ? 3 * RENEW_AFTER_NANOS : RENEW_AFTER_NANOS;
        renewClient = System.nanoTime() - clientCreatedAt > renewAfter;
        LOG.debug("etcd {}: {}", describe(), reason);
        listener.status(new SourceStatus(SourceKind.ETCD, Freshness.UNREACHABLE, last, reason));
        if (definite) {
            answered = true;
        }
    }

    private static boolean refused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException
                    || String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("connection refused")) {
                return true;
            }
        }
        return false;
    }

    private String reason(Exception e) {
        Throwable t = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        if (t instanceof TimeoutException) {
            return "etcd at " + String.join(",", endpoints) + " did not answer within " + timeout.toMillis()
                    + " ms; check that etcd is running and reachable";
        }
        if (t instanceof IllegalStateException) {
            return t.getMessage();
        }
        String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return "etcd at " + String.join(",", endpoints) + " failed: " + msg;
    }

    private void closeWatcher() {
        Watch.Watcher w;
        synchronized (lock) {
            w = watcher;
            watcher = null;
        }
        if (w != null) {
            try {
                w.close();
            } catch (RuntimeException e) {
                LOG.debug("closing etcd watcher", e);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        if (tick != null) {
            tick.cancel(false);
        }
        closeWatcher();
        if (client != null) {
            client.close();
        }
    }

    private static String keyName(DcsKey key) {
        return key.member() == null ? key.name() : "members/" + key.member();
    }

    private static DcsValue value(KeyValue kv) {
        return new DcsValue(text(kv.getValue()), kv.getLease(), kv.getModRevision());
    }

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    private static String text(ByteSequence b) {
        return b.toString(StandardCharsets.UTF_8);
    }
}
