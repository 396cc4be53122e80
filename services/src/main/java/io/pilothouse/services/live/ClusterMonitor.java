package io.pilothouse.services.live;

import io.pilothouse.services.etcd.DcsView;
import io.pilothouse.services.model.ClusterEvent;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.model.SnapshotDiff;
import io.pilothouse.services.model.SourceKind;
import io.pilothouse.services.model.SourceStatus;
import io.pilothouse.services.patroni.DcsMember;
import io.pilothouse.services.patroni.PatroniCluster;
import io.pilothouse.services.patroni.PatroniNodeStatus;
import io.pilothouse.services.patroni.PatroniRestClient;
import io.pilothouse.services.patroni.PatroniUrls;
import io.pilothouse.services.postgres.NodeConnections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.ConnectException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Keeps one cluster's snapshot current. etcd changes are pushed in by the namespace watcher; Patroni REST and SQL are
 * polled here, each node on its own, never more than one request in flight per node and source — so a stalled node
 * cannot block the others, and a slow one cannot pile requests up.
 */
public final class ClusterMonitor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterMonitor.class);

    private final String source;
    private final String scope;
    private final boolean etcdConfigured;
    private final LiveExecutors executors;
    private final LiveSettings settings;
    private final PatroniRestClient rest;
    private final NodeConnections sql;
    private final ClusterAssembler assembler;
    private final Clock clock;
    private final Consumer<ClusterSnapshot> snapshots;
    /** Where snapshots that differ only in their clocks go (the estate folds them into one publish a period). */
    private volatile Consumer<ClusterSnapshot> clocks;
    private final Consumer<ClusterEvent> events;

    private final Object lock = new Object();
    private final Set<String> seedUrls = new LinkedHashSet<>();
    /** Names the seeds gave for themselves in {@code GET /patroni} (Patroni 3.0 gives none), by seed URL. */
    private final Map<String, String> seedNames = new HashMap<>();
    private final LostMembers lost = new LostMembers();
    private SourceStatus etcd = SourceStatus.unknown(SourceKind.ETCD);
    private DcsView dcs;
    private Long leaseSecondsLeft;
    private NodeRead<PatroniCluster> restCluster = NodeRead.none();
    private final Map<String, NodeRead<PatroniNodeStatus>> nodes = new HashMap<>();
    private final NodeSqlReader sqlReader;
    private ClusterSnapshot last;
    /**
     * An input changed since the last assembly (a DCS view, a REST or SQL answer, the etcd source's health, the
     * lease appearing or going). While none did, the snapshot can only differ in its clocks, so it is assembled again
     * only when the gate's heartbeat is due: an estate of clusters whose members do not answer costs one assembly
     * per cluster per heartbeat, not one per poll and per lease read.
     */
    private boolean inputsMoved = true;
    /** The members' REST addresses as last worked out, null when an input or a published change may move them. */
    private Map<String, String> apisKnown;
    private long assemblies;
    /** The first instant a read of the last assembly turns stale by time alone; null when none can. */
    private Instant readsLiveUntil;
    private volatile List<String> pending;
    /** Every member seen in this session, as last seen: a member key that vanishes leaves its node known. */
    private final Map<String, Member> known = new java.util.TreeMap<>();

    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    /** REST endpoints that did not answer are asked less and less often (see {@link PollBackoff}). */
    private final PollBackoff restBackoff;
    private final PublishGate gate;
    private final List<ScheduledFuture<?>> ticks = new ArrayList<>();
    private volatile boolean closed;

    public ClusterMonitor(String source, String scope, boolean etcdConfigured, LiveExecutors executors,
                          LiveSettings settings, PatroniRestClient rest, NodeConnections sql, Clock clock,
                          Consumer<ClusterSnapshot> snapshots, Consumer<ClusterEvent> events) {
        this.source = source;
        this.scope = scope;
        this.etcdConfigured = etcdConfigured;
        this.executors = executors;
        this.settings = settings;
        this.rest = rest;
        this.sql = sql;
        this.clock = clock;
        this.snapshots = snapshots;
        this.clocks = snapshots;
        this.events = events;
        this.assembler = new ClusterAssembler(settings.staleAfter());
        this.restBackoff = PollBackoff.live(clock);
        // Half the stale threshold: an age shown never lags more than that behind, and nothing turns stale unseen.
        this.gate = new PublishGate(settings.staleAfter().dividedBy(2));
        this.sqlReader = sql == null ? null : new NodeSqlReader(source, scope, sql, executors.polling(), clock,
                PollBackoff.live(clock));
        this.pending = List.of(scope + ": no member named yet by etcd or Patroni REST");
    }

    /** Sends snapshots that differ from the last only in their clocks to {@code clocks} instead; before start. */
    ClusterMonitor clocksTo(Consumer<ClusterSnapshot> clocks) {
        this.clocks = clocks;
        return this;
    }

    /** Starts polling REST and SQL. */
    public void start() {
        ticks.add(executors.scheduler().scheduleWithFixedDelay(this::pollRest, 0,
                settings.restInterval().toMillis(), TimeUnit.MILLISECONDS));
        if (sql != null) {
            ticks.add(executors.scheduler().scheduleWithFixedDelay(this::pollSql, 200,
                    settings.sqlInterval().toMillis(), TimeUnit.MILLISECONDS));
        }
    }

    /** The workspace source this cluster was found through. */
    public String source() {
        return source;
    }

    public String scope() {
        return scope;
    }

    /** Adds Patroni REST URLs to try for {@code /cluster} besides the members' advertised ones. */
    public void addSeeds(List<String> urls) {
        synchronized (lock) {
            urls.forEach(u -> seedUrls.add(PatroniUrls.base(u)));
            apisKnown = null;
        }
    }

    /** A new DCS view arrived from the etcd watch. */
    public void dcs(DcsView view) {
        synchronized (lock) {
            // A member key rewritten is a sign of life: ask that member again at the normal pace.
            for (DcsMember m : view.members()) {
                boolean changed = dcs == null || !dcs.members().contains(m);
                if (changed && m.apiUrl() != null) {
                    restBackoff.reset(PatroniUrls.base(m.apiUrl()));
                }
                if (changed && sqlReader != null) {
                    sqlReader.signOfLife(m.name());
                }
            }
            dcs = view;
            topologyInputMoved();
        }
        publish();
    }

    /**
     * The etcd source's health changed or was confirmed. Only a change of health is assembled at once: a confirmation
     * (its time of success moved) is a clock, taken with this cluster's next heartbeat, as every cluster of the source
     * gets one each etcd tick.
     */
    public void etcdStatus(SourceStatus status) {
        boolean changed;
        synchronized (lock) {
            changed = etcd.freshness() != status.freshness()
                    || !java.util.Objects.equals(etcd.lastError(), status.lastError());
            etcd = status;
            inputsMoved |= changed;
        }
        if (changed) {
            publish();
        }
    }

    /**
     * The leader lease's remaining seconds were read. Its countdown is a clock (published with the next heartbeat);
     * a lease appearing or going is published at once.
     */
    public void leaderLease(Long secondsLeft) {
        boolean appearedOrWent;
        synchronized (lock) {
            appearedOrWent = (leaseSecondsLeft == null) != (secondsLeft == null);
            leaseSecondsLeft = secondsLeft;
            inputsMoved |= appearedOrWent;
        }
        if (appearedOrWent) {
            publish();
        }
    }

    /**
     * What a one-shot reader is still waiting for: each member and source that has not answered yet (a success or an
     * outright refusal is an answer; a silence is not). Empty once the snapshot is a real picture to print. Judged
     * when a snapshot is published, so an answer counts only once the published snapshot carries it.
     */
    public List<String> unanswered() {
        return pending;
    }

    /** What {@code snapshot}, assembled from {@code in}, still lacks: judged from the same reads. */
    private List<String> unansweredIn(ClusterSnapshot snapshot, ClusterInputs in) {
        if (snapshot.members().isEmpty()) {
            return List.of(scope + ": no member named yet by etcd or Patroni REST");
        }
        List<String> out = new ArrayList<>();
        for (Member m : snapshot.members()) {
            if (m.state() == io.pilothouse.services.model.MemberState.LOST) {
                continue;
            }
            NodeRead<PatroniNodeStatus> r = in.nodes().get(m.name());
            if (m.apiUrl() != null && (r == null || !r.answered())) {
                out.add(scope + "/" + m.name() + ": Patroni REST " + m.apiUrl() + " did not answer"
                        + (r == null || r.error() == null ? "" : " (" + r.error() + ")"));
            }
            NodeRead<?> q = in.sql().get(m.name());
            if (in.sqlConfigured() && m.host() != null && (q == null || !q.answered())) {
                out.add(scope + "/" + m.name() + ": PostgreSQL " + m.endpoint() + " did not answer"
                        + (q == null || q.error() == null ? "" : " (" + q.error() + ")"));
            }
        }
        return out;
    }

    /**
     * True once every known member has been asked at least once by every configured source (answered or failed),
     * so a one-shot reader (the {@code snapshot} command) prints a complete picture rather than a half-read one.
     */
    public boolean settled() {
        synchronized (lock) {
            if (last == null || last.members().isEmpty()) {
                return false;
            }
            for (Member m : last.members()) {
                if (m.apiUrl() != null && !attempted(nodes.get(m.name()))) {
                    return false;
                }
                if (sql != null && m.host() != null && !sqlReader.attempted(m.name())) {
                    return false;
                }
            }
            return true;
        }
    }

    private static boolean attempted(NodeRead<?> read) {
        return read != null && (read.lastSuccess() != null || read.failedAt() != null);
    }

    /** Snapshots assembled so far, published or not (tests: what a poll costs when nothing moved). */
    long assemblies() {
        synchronized (lock) {
            return assemblies;
        }
    }

    /** The latest snapshot, or null before the first. */
    public ClusterSnapshot latest() {
        synchronized (lock) {
            return last;
        }
    }

    private void pollRest() {
        if (closed) {
            return;
        }
        Map<String, String> apis;
        synchronized (lock) {
            // The members to ask change only with an input (a poll of a cluster whose members do not answer finds
            // the same ones every second, and most of them not due).
            apis = apisKnown;
            if (apis == null) {
                apis = apisKnown = memberApis();
                // Reads filed under a seed's address before its name was known, or of members no source names now.
                nodes.keySet().retainAll(apis.keySet());
                Set<String> polled = new java.util.HashSet<>(apis.values());
                polled.add("/cluster");
                restBackoff.retainOnly(polled);
            }
        }
        for (Map.Entry<String, String> e : apis.entrySet()) {
            String member = e.getKey();
            String url = e.getValue();
            if (!restBackoff.due(url) || !inFlight.add("rest:" + member)) {
                continue;
            }
            rest.node(url).whenComplete((status, error) -> {
                inFlight.remove("rest:" + member);
                if (error == null) {
                    restBackoff.succeeded(url);
                } else {
                    restBackoff.failed(url);
                }
                Instant now = clock.instant();
                synchronized (lock) {
                    String key = member;
                    if (status != null && status.name() != null && !status.name().equals(member)
                            && seedUrls.contains(url)) {
                        // A seed polled under its address names itself (Patroni >= 3.1): file it under its name.
                        seedNames.put(url, status.name());
                        nodes.remove(member);
                        key = status.name();
                    }
                    NodeRead<PatroniNodeStatus> prev = nodes.getOrDefault(key, NodeRead.none());
                    nodes.put(key, error == null ? prev.succeeded(status, now)
                            : prev.failed(message(error), refused(error), now));
                    topologyInputMoved();
                }
            });
        }
        if (restBackoff.due("/cluster") && inFlight.add("rest:/cluster")) {
            List<String> candidates = new ArrayList<>(new LinkedHashSet<>(apis.values()));
            synchronized (lock) {
                candidates.addAll(seedUrls);
            }
            firstCluster(candidates, 0, null).whenComplete((c, error) -> {
                inFlight.remove("rest:/cluster");
                if (error == null) {
                    restBackoff.succeeded("/cluster");
                } else {
                    restBackoff.failed("/cluster");
                }
                Instant now = clock.instant();
                synchronized (lock) {
                    restCluster = error == null ? restCluster.succeeded(c, now)
                            : restCluster.failed(message(error), refused(error), now);
                    topologyInputMoved();
                }
            });
        }
        publish();
    }

    /** Tries {@code GET /cluster} on each candidate in turn until one answers. */
    private CompletableFuture<PatroniCluster> firstCluster(List<String> urls, int i, Throwable lastError) {
        if (i >= urls.size()) {
            return CompletableFuture.failedFuture(lastError != null ? lastError
                    : new IllegalStateException("no Patroni REST URL known for cluster " + scope));
        }
        return rest.cluster(urls.get(i)).handle((c, e) -> e == null ? CompletableFuture.completedFuture(c)
                : firstCluster(urls, i + 1, e)).thenCompose(f -> f);
    }

    private void pollSql() {
        if (closed) {
            return;
        }
        sqlReader.poll(endpoints().stream()
                .map(m -> new NodeSqlReader.Target(m.name(), m.host(), m.port())).toList(), this::sqlRead);
    }

    /** An input that may also move the members' REST addresses changed (call under the lock). */
    private void topologyInputMoved() {
        inputsMoved = true;
        apisKnown = null;
    }

    private void sqlRead() {
        synchronized (lock) {
            inputsMoved = true;
        }
        publish();
    }

    private Map<String, String> memberApis() {
        Map<String, String> out = new java.util.TreeMap<>();
        synchronized (lock) {
            if (dcs != null) {
                for (DcsMember m : dcs.members()) {
                    if (m.apiUrl() != null) {
                        out.put(m.name(), PatroniUrls.base(m.apiUrl()));
                    }
                }
            }
            if (restCluster.value() != null) {
                restCluster.value().members().forEach(m -> {
                    if (m.apiUrl() != null) {
                        out.putIfAbsent(m.name(), PatroniUrls.base(m.apiUrl()));
                    }
                });
            }
            if (last != null) {
                last.members().forEach(m -> {
                    if (m.apiUrl() != null) {
                        out.putIfAbsent(m.name(), m.apiUrl());
                    }
                });
            }
            // Seeds no named member stands for are asked for GET /patroni too: without its DCS, Patroni's
            // GET /cluster hangs while GET /patroni answers, so these carry the topology when etcd is down.
            java.util.Collection<String> asked = new java.util.HashSet<>(out.values());
            for (String seed : seedUrls) {
                if (!asked.contains(seed)) {
                    out.putIfAbsent(seedNames.getOrDefault(seed, SeedNames.label(seed)), seed);
                }
            }
            known.values().forEach(m -> {
                if (m.apiUrl() != null) {
                    out.putIfAbsent(m.name(), m.apiUrl());
                }
            });
        }
        return out;
    }

    private List<Member> endpoints() {
        List<Member> all;
        synchronized (lock) {
            all = new ArrayList<>(known.values());
        }
        return all.stream().filter(m -> m.host() != null && m.port() > 0).toList();
    }

    /**
     * Reassembles the snapshot and publishes it with the events that lead to it: when an input moved, or when only
     * clocks can have moved and the heartbeat is due (each poll calls this; package-private for tests).
     */
    void publish() {
        if (closed) {
            return;
        }
        ClusterSnapshot next;
        List<ClusterEvent> changes;
        synchronized (lock) {
            if (last == null && !hasTopology()) {
                // Nothing says who the members are yet: a first snapshot now would be an empty cluster
                // followed by a burst of "joined" events. Wait for etcd or REST to name them.
                return;
            }
            Instant at = clock.instant();
            if (!inputsMoved && last != null) {
                if (!gate.heartbeatDue(at)) {
                    return;
                }
                if (readsLiveUntil == null || !at.isAfter(readsLiveUntil)) {
                    // No input moved and no read turned stale since: what an assembly would give is the last
                    // snapshot with today's clocks.
                    ClusterSnapshot beat = ClockOnly.withClocks(last, at, leaseSecondsLeft, etcdConfigured ? etcd : null);
                    gate.clocksPublished(at);
                    last = beat;
                    try {
                        clocks.accept(beat);
                    } catch (RuntimeException e) {
                        LOG.warn("live model listener failed", e);
                    }
                    return;
                }
            }
            inputsMoved = false;
            assemblies++;
            ClusterInputs in = new ClusterInputs(source, scope, etcdConfigured, etcd, dcs, leaseSecondsLeft,
                    restCluster, nodes, sql != null, sqlReader == null ? Map.of() : sqlReader.states(),
                    sqlReader == null ? Map.of() : sqlReader.slots(),
                    sqlReader == null ? Map.of() : sqlReader.prepared(),
                    sqlReader == null ? Map.of() : sqlReader.settings(), formerMembers());
            readsLiveUntil = ClockOnly.readsLiveUntil(in, at, settings.staleAfter());
            next = lost.track(last, assembler.assemble(in, at));
            next.members().forEach(m -> known.merge(m.name(), m, (was, now) -> now.host() == null ? was : now));
            PublishGate.Decision decision = gate.decide(last, next, at);
            if (decision == PublishGate.Decision.HOLD) {
                // Only clocks moved: the last published snapshot still says everything (see PublishGate).
                pending = unansweredIn(next, in);
                return;
            }
            changes = SnapshotDiff.between(last, next);
            last = next;
            if (decision == PublishGate.Decision.CHANGED) {
                apisKnown = null; // its members' addresses may have moved
            }
            // Publish under the lock so listeners see snapshots and events in order.
            try {
                (decision == PublishGate.Decision.CLOCKS ? clocks : snapshots).accept(next);
                pending = unansweredIn(next, in);
                changes.forEach(events);
            } catch (RuntimeException e) {
                LOG.warn("live model listener failed", e);
            }
        }
    }

    /** Known members without a member key now (only while etcd is followed: without it, nobody knows). */
    private Map<String, Member> formerMembers() {
        if (!etcdConfigured || dcs == null) {
            return Map.of();
        }
        Set<String> keyed = new java.util.HashSet<>();
        dcs.members().forEach(m -> keyed.add(m.name()));
        Map<String, Member> out = new HashMap<>();
        known.forEach((name, m) -> {
            if (!keyed.contains(name)) {
                out.put(name, m);
            }
        });
        return out;
    }

    private boolean hasTopology() {
        return (dcs != null && !dcs.members().isEmpty()) || restCluster.value() != null
                || nodes.values().stream().anyMatch(r -> r.value() != null);
    }

    private static String message(Throwable t) {
        Throwable c = t;
        while ((c instanceof java.util.concurrent.CompletionException
                || c instanceof java.util.concurrent.ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.toString() : c.getMessage();
    }

    private static boolean refused(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        closed = true;
        ticks.forEach(t -> t.cancel(false));
    }
}
