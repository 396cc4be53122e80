package io.pilothouse.services.live;

import io.pilothouse.services.etcd.DcsView;
import io.pilothouse.services.etcd.EtcdGatewayRead;
import io.pilothouse.services.etcd.EtcdNamespaceSource;
import io.pilothouse.services.etcd.EtcdNamespaceWatcher;
import io.pilothouse.services.model.ClusterEvent;
import io.pilothouse.services.model.ClusterEventType;
import io.pilothouse.services.model.EstateFeed;
import io.pilothouse.services.model.SourceKind;
import io.pilothouse.services.model.SourceStatus;
import io.pilothouse.services.patroni.PatroniRestClient;
import io.pilothouse.services.postgres.NodeConnections;
import io.pilothouse.services.postgres.PasswordLookup;
import io.pilothouse.services.workspace.SourceConfig;
import io.pilothouse.services.workspace.Workspace;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The live model of a whole workspace: one etcd prefix watch per etcd source (every scope under its namespace is
 * discovered), REST discovery for sources given as Patroni URLs, and one {@link ClusterMonitor} per cluster. The
 * result is published through {@link #feed()}; events go to subscribers.
 */
public final class EstateMonitor implements AutoCloseable {

    /** How often clusters whose clocks alone moved are published together (ages shown lag at most this more). */
    static final java.time.Duration CLOCKS_FLUSH = java.time.Duration.ofSeconds(1);

    private final Workspace workspace;
    private final LiveExecutors executors;
    private final LiveSettings settings;
    private final PasswordLookup passwords;
    private final Clock clock;
    private final LatestEstate estate;
    /** The pollers' REST client: its completions run on the bounded polling pool. */
    private final PatroniRestClient rest;
    /** Operations' REST client: on the elastic pool, so an operation that waits never holds a poller's thread. */
    private final PatroniRestClient operationsRest;
    private final List<Consumer<ClusterEvent>> eventListeners = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final Map<String, ClusterMonitor> monitors = new ConcurrentHashMap<>();
    private final List<PlainClusterMonitor> plainMonitors = new CopyOnWriteArrayList<>();
    private final Map<String, NodeConnections> connectionsBySource = new ConcurrentHashMap<>();
    private final Map<String, EtcdNamespaceSource> etcdBySource = new ConcurrentHashMap<>();
    /** Set by {@link #startOnce()}: each etcd namespace is read once over the JSON gateway, not watched. */
    private volatile boolean etcdReadOnce;
    private final Map<String, SourceStatus> etcdStatusBySource = new ConcurrentHashMap<>();
    private final Map<String, PatroniSeedDiscovery> discoveryBySource = new ConcurrentHashMap<>();
    /** Which source's connections reach a member: {@link #open} is asked a thousand times a second at 500 clusters. */
    private final MemberConnectionIndex nodeSources = new MemberConnectionIndex(connectionsBySource::get);

    public EstateMonitor(Workspace workspace, LiveExecutors executors, LiveSettings settings, PasswordLookup passwords,
                         Clock clock) {
        this.workspace = workspace;
        this.executors = executors;
        this.settings = settings;
        this.passwords = passwords;
        this.clock = clock;
        this.estate = new LatestEstate(workspace.name(), workspace.readOnly());
        this.rest = new PatroniRestClient(executors.polling(), settings.restTimeout(), settings.restTimeout(),
                io.pilothouse.services.patroni.PatroniTls.of(workspace));
        this.operationsRest = new PatroniRestClient(executors.io(), settings.restTimeout(), settings.restTimeout(),
                io.pilothouse.services.patroni.PatroniTls.of(workspace));
    }

    /** The Patroni REST client of this estate, with the workspace's TLS settings; for operations. */
    public PatroniRestClient patroniRest() {
        return operationsRest;
    }

    /**
     * The pollers' Patroni REST client (same TLS settings), for background readers whose callbacks never block (the
     * timeline refresher): it shares the bounded polling pool instead of growing the elastic one.
     */
    public PatroniRestClient pollingRest() {
        return rest;
    }

    /** The live estate for views and watchers. */
    public EstateFeed feed() {
        return estate;
    }

    /** Calls {@code listener} with every event, on an I/O thread. */
    public AutoCloseable onEvent(Consumer<ClusterEvent> listener) {
        eventListeners.add(listener);
        return () -> eventListeners.remove(listener);
    }

    /**
     * {@link #start()} for a one-shot reader ({@code snapshot}): each etcd namespace is read once through etcd's JSON
     * gateway instead of watched over gRPC, so gRPC and Netty are never loaded (a source with an etcd client
     * certificate excepted: see {@link EtcdGatewayRead#suits}). Patroni REST and SQL as usual.
     */
    public void startOnce() {
        etcdReadOnce = true;
        start();
    }

    /** Starts every source; returns at once (all reading happens in the background). */
    public void start() {
        // Clock-only snapshots (ages moving, nothing else) reach listeners once a period for the whole estate.
        estate.flushEvery(executors.scheduler(), CLOCKS_FLUSH);
        for (SourceConfig source : workspace.sources()) {
            NodeConnections sql = source.postgres() == null ? null
                    : new NodeConnections(source.postgres(), passwords, settings.sqlTimeouts());
            if (sql != null) {
                closeables.add(sql);
                connectionsBySource.put(source.name(), sql);
            }
            if (source.isPlain() && sql != null) {
                startPlain(source, sql);
            }
            if (source.etcd() != null && !source.etcd().endpoints().isEmpty()) {
                startEtcd(source, sql);
            }
            if (!source.patroni().isEmpty()) {
                PatroniSeedDiscovery discovery = new PatroniSeedDiscovery(source.patroni(), rest, executors,
                        settings, scope -> monitor(source, scope, sql).addSeeds(source.patroni()));
                closeables.add(discovery);
                discoveryBySource.put(source.name(), discovery);
                discovery.start();
            }
        }
    }

    /**
     * Waits until at least one cluster is known and every cluster has been read once by each of its sources, or
     * until {@code timeout}. Meant for one-shot readers; the UI never waits.
     *
     * @return true when settled, false on timeout (the feed then holds whatever is known)
     */
    public boolean awaitSettled(java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            // etcd too: a first call that timed out (gRPC's start-up on a loaded machine) is no answer, and an
            // operation's pre-checks would read "etcd is unreachable" from it.
            if ((!monitors.isEmpty() || !plainMonitors.isEmpty())
                    && etcdBySource.values().stream().allMatch(EtcdNamespaceSource::answered)
                    && monitors.values().stream().allMatch(ClusterMonitor::settled)
                    && plainMonitors.stream().allMatch(PlainClusterMonitor::settled)) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /**
     * Waits until every source has given its first answer for every member it names — a success, or an outright
     * refusal — or until {@code timeout}: a silence is waited out, never taken for an answer. For one-shot readers
     * (the {@code snapshot} command), which must print a real state or say what is missing.
     *
     * @return what had not answered at the deadline, one line each; empty when everything answered
     */
    public List<String> awaitAnswered(java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> missing = unanswered();
        while (!missing.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            missing = unanswered();
        }
        return missing;
    }

    private List<String> unanswered() {
        List<String> out = new ArrayList<>();
        for (SourceConfig source : workspace.sources()) {
            EtcdNamespaceSource w = etcdBySource.get(source.name());
            boolean hasClusters = monitors.values().stream().anyMatch(m -> source.name().equals(m.source()))
                    || plainMonitors.stream().anyMatch(m -> source.name().equals(m.scope()));
            if (w != null && !w.answered()) {
                out.add(source.name() + ": etcd " + w.describe() + " did not answer");
            }
            if (!hasClusters && !source.patroni().isEmpty()) {
                // Patroni URLs name their cluster through GET /patroni, whatever etcd does.
                PatroniSeedDiscovery d = discoveryBySource.get(source.name());
                String why = d == null ? null : d.lastFailure();
                out.add(source.name() + ": none of the Patroni URLs " + source.patroni() + " named a cluster yet"
                        + (why == null ? "" : " (" + why + ")"));
            }
        }
        monitors.values().forEach(m -> out.addAll(m.unanswered()));
        plainMonitors.forEach(m -> out.addAll(m.unanswered()));
        return out;
    }

    /**
     * Why sources that found no cluster failed, one line each (etcd's reason, e.g. a certificate that does not
     * verify); empty when every source found one or none failed yet. For one-shot readers' messages.
     */
    public List<String> sourceProblems() {
        List<String> out = new ArrayList<>();
        for (SourceConfig source : workspace.sources()) {
            boolean hasClusters = monitors.values().stream().anyMatch(m -> source.name().equals(m.source()));
            SourceStatus etcd = etcdStatusBySource.get(source.name());
            if (!hasClusters && etcd != null && etcd.freshness() != io.pilothouse.services.model.Freshness.LIVE
                    && etcd.lastError() != null) {
                out.add(source.name() + ": " + etcd.lastError());
            }
        }
        return out;
    }

    private boolean etcdLive(SourceConfig source) {
        SourceStatus s = etcdStatusBySource.get(source.name());
        return s != null && s.freshness() == io.pilothouse.services.model.Freshness.LIVE;
    }

    /**
     * A connection to a member of any cluster of this workspace, through that cluster's source settings and its
     * one pooled connection per node (so other readers, such as the lag sampler, never open a second one).
     *
     * @throws java.sql.SQLException when no cluster of the workspace has a member at {@code host:port} with SQL set up
     */
    public java.sql.Connection open(String host, int port) throws java.sql.SQLException {
        NodeConnections sql = nodeSources.connectionsAt(estate.latest(), host, port);
        if (sql != null) {
            return sql.open(host, port);
        }
        throw new java.sql.SQLException("no cluster in the workspace has a member at " + host + ":" + port
                + " with PostgreSQL settings", "08001");
    }

    /**
     * A fresh writable connection to whichever member of {@code cluster} is primary now (see
     * {@link NodeConnections#openPrimary}), for measuring write availability during an operation.
     *
     * @throws java.sql.SQLException when the cluster's source has no SQL settings, or no member is primary
     */
    public java.sql.Connection openPrimary(io.pilothouse.services.model.ClusterSnapshot cluster)
            throws java.sql.SQLException {
        NodeConnections sql = connectionsBySource.get(cluster.source());
        if (sql == null) {
            throw new java.sql.SQLException("source " + cluster.source() + " has no PostgreSQL settings", "08001");
        }
        return sql.openPrimary(cluster.members().stream().filter(m -> m.host() != null && m.port() > 0)
                .map(m -> m.host() + ":" + m.port()).toList());
    }

    /** The load balancer's write port configured for {@code source}, if any. */
    public java.util.Optional<io.pilothouse.services.workspace.NodeAddress> writeEndpoint(String source) {
        return workspace.sources().stream().filter(s -> s.name().equals(source) && s.writeEndpoint() != null)
                .findFirst().map(s -> io.pilothouse.services.workspace.NodeAddress.parse(s.writeEndpoint()));
    }

    /** A fresh connection to {@code address} with {@code source}'s PostgreSQL settings (see {@link NodeConnections#openFresh}). */
    public java.sql.Connection openFresh(String source, io.pilothouse.services.workspace.NodeAddress address)
            throws java.sql.SQLException {
        NodeConnections sql = connectionsBySource.get(source);
        if (sql == null) {
            throw new java.sql.SQLException("source " + source + " has no PostgreSQL settings", "08001");
        }
        return sql.openFresh(address.host(), address.port());
    }

    /**
     * A fresh connection to {@code database} on {@code host:port} as {@code user}, with {@code source}'s passfile and
     * sslmode, the password looked up for that user (pgpass, keyring); for resolving a prepared transaction, which
     * must happen in its database as its owner or a superuser.
     */
    public java.sql.Connection openAs(String source, String host, int port, String database, String user)
            throws java.sql.SQLException {
        SourceConfig config = workspace.sources().stream().filter(s -> s.name().equals(source)).findFirst()
                .orElseThrow(() -> new java.sql.SQLException("no source " + source + " in the workspace", "08001"));
        io.pilothouse.services.workspace.PostgresConfig base = config.postgres() == null
                ? new io.pilothouse.services.workspace.PostgresConfig(null, null, null, null) : config.postgres();
        NodeConnections as = new NodeConnections(base.as(user, database), passwords,
                NodeConnections.Timeouts.LIVE_VIEW);
        return as.openFresh(host, port);
    }

    /** A plain streaming-replication cluster: its nodes read over SQL only, its scope the source's name. */
    private void startPlain(SourceConfig source, NodeConnections sql) {
        PlainClusterMonitor m = new PlainClusterMonitor(source.name(), source.nodeAddresses(), executors, settings, sql,
                clock, estate::put, this::emit);
        plainMonitors.add(m);
        m.start();
    }

    private void startEtcd(SourceConfig source, NodeConnections sql) {
        SourceStatus[] lastStatus = {SourceStatus.unknown(SourceKind.ETCD)};
        EtcdNamespaceWatcher.Listener listener = new EtcdNamespaceWatcher.Listener() {
            @Override
            public void clusterChanged(DcsView view) {
                ClusterMonitor m = monitor(source, view.cluster(), sql);
                m.etcdStatus(lastStatus[0]);
                m.dcs(view);
            }

            @Override
            public void clusterRemoved(String cluster) {
                ClusterMonitor m = monitors.remove(key(source.name(), cluster));
                if (m != null) {
                    m.close();
                    estate.remove(source.name(), cluster);
                    emit(new ClusterEvent(ClusterEventType.CLUSTER_REMOVED, source.name(), cluster, null, null, null,
                            clock.instant()));
                }
            }

            @Override
            public void status(SourceStatus status) {
                SourceStatus before = etcdStatusBySource.put(source.name(), status);
                lastStatus[0] = status;
                List<ClusterMonitor> mine = monitors.values().stream().filter(m -> isOf(source, m)).toList();
                mine.forEach(m -> m.etcdStatus(status));
                if (mine.isEmpty()) {
                    // No cluster to carry the transition (etcd down at start, nothing else names one): say it for
                    // the source itself, so a watch prints SOURCE_LOST at once rather than nothing.
                    sourceTransition(source.name(), before, status);
                }
            }

            @Override
            public void leaderLease(String cluster, Long secondsLeft) {
                ClusterMonitor m = monitors.get(key(source.name(), cluster));
                if (m != null) {
                    m.leaderLease(secondsLeft);
                }
            }
        };
        EtcdNamespaceSource watcher = etcdReadOnce && EtcdGatewayRead.suits(source.etcd())
                ? new EtcdGatewayRead(source.etcd(), EtcdPasswords.of(source, passwords), executors.scheduler(),
                        settings.etcdTick(), settings.restTimeout(), listener)
                : new EtcdNamespaceWatcher(source.etcd(), EtcdPasswords.of(source, passwords), executors.scheduler(),
                        settings.etcdTick(), settings.restTimeout(), listener);
        closeables.add(watcher);
        etcdBySource.put(source.name(), watcher);
        watcher.start();
    }

    private ClusterMonitor monitor(SourceConfig source, String scope, NodeConnections sql) {
        return monitors.computeIfAbsent(key(source.name(), scope), k -> {
            ClusterMonitor m = new ClusterMonitor(source.name(), scope,
                    source.etcd() != null && !source.etcd().endpoints().isEmpty(), executors, settings, rest, sql,
                    clock, estate::put, this::emit).clocksTo(estate::putClocks);
            SourceStatus etcd = etcdStatusBySource.get(source.name());
            if (etcd != null) {
                m.etcdStatus(etcd);
            }
            m.start();
            return m;
        });
    }

    private void sourceTransition(String source, SourceStatus before, SourceStatus now) {
        boolean wasLost = before != null && before.freshness() != io.pilothouse.services.model.Freshness.LIVE
                && before.freshness() != io.pilothouse.services.model.Freshness.UNKNOWN;
        boolean isLost = now.freshness() != io.pilothouse.services.model.Freshness.LIVE
                && now.freshness() != io.pilothouse.services.model.Freshness.UNKNOWN;
        if (!wasLost && isLost) {
            emit(new ClusterEvent(ClusterEventType.SOURCE_LOST, source, null, null, now.kind().name(),
                    now.lastError(), clock.instant()));
        } else if (wasLost && now.freshness() == io.pilothouse.services.model.Freshness.LIVE) {
            emit(new ClusterEvent(ClusterEventType.SOURCE_REGAINED, source, null, null, null, now.kind().name(),
                    clock.instant()));
        }
    }

    private boolean isOf(SourceConfig source, ClusterMonitor m) {
        return monitors.get(key(source.name(), m.scope())) == m;
    }

    private void emit(ClusterEvent event) {
        eventListeners.forEach(l -> l.accept(event));
    }

    private static String key(String source, String scope) {
        return source + '\u0000' + scope;
    }

    @Override
    public void close() {
        estate.close();
        monitors.values().forEach(ClusterMonitor::close);
        monitors.clear();
        plainMonitors.forEach(PlainClusterMonitor::close);
        plainMonitors.clear();
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception e) {
                // Closing is best effort: one failing resource must not keep the others open.
            }
        }
    }
}
