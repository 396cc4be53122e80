package io.pilothouse.app.wiring;

import io.pilothouse.services.alerts.AlertEvaluator;
import io.pilothouse.services.alerts.AlertMonitor;
import io.pilothouse.services.alerts.AlertThresholds;
import io.pilothouse.services.alerts.AlertsFeed;
import io.pilothouse.services.history.EstateHistory;
import io.pilothouse.services.history.Notifier;
import io.pilothouse.services.indoubt.InDoubtOperations;
import io.pilothouse.services.indoubt.InDoubtScanner;
import io.pilothouse.services.live.EstateMonitor;
import io.pilothouse.services.live.LiveExecutors;
import io.pilothouse.services.live.LiveSettings;
import io.pilothouse.services.live.WorkspacePatroniAuth;
import io.pilothouse.services.locks.EtcdOperationLock;
import io.pilothouse.services.locks.WorkspaceLocks;
import io.pilothouse.services.metrics.LagHistory;
import io.pilothouse.services.metrics.LagSampler;
import io.pilothouse.services.model.ClusterEvent;
import io.pilothouse.services.model.EstateFeed;
import io.pilothouse.services.operations.OperationTimeouts;
import io.pilothouse.services.operations.PatroniOperations;
import io.pilothouse.services.policy.OperationGuard;
import io.pilothouse.services.policy.SessionKind;
import io.pilothouse.services.switchover.SwitchoverService;
import io.pilothouse.services.switchover.SwitchoverSettings;
import io.pilothouse.services.switchover.Switchovers;
import io.pilothouse.services.workspace.Workspace;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/** A running live model of one workspace: executors, monitors and credentials wired together. Close it to stop. */
public final class LiveSession implements AutoCloseable {

    private final LiveExecutors executors;
    private final EstateMonitor monitor;
    private final EstateHistory history;
    private boolean begun;
    private boolean closed;
    private final LagHistory lag;
    private final LagSampler lagSampler;
    private final AlertMonitor alerts;
    private final WorkspaceLocks locks;
    private final OperationGuard guard;
    private final SwitchoverService switchovers;
    private final LiveSettings settings;
    private final Workspace workspace;
    private final WorkspacePatroniAuth patroniAuth;
    private final io.pilothouse.services.alerts.AlertLedger alertLedger;
    private final io.pilothouse.services.locks.OperationRegistry registry;
    private final SessionKind kind;
    private final InDoubtWiring inDoubtWiring;
    private final ReshardWiring reshardWiring;
    private final ActivityWiring activityWiring;

    private LiveSession(Workspace workspace, LiveSettings settings, LiveExecutors executors, EstateMonitor monitor,
                        EstateHistory history, LagHistory lag, LagSampler lagSampler, AlertMonitor alerts,
                        io.pilothouse.services.locks.OperationRegistry registry, SessionKind kind) {
        this.alerts = alerts;
        this.kind = kind;
        this.settings = settings;
        this.workspace = workspace;
        io.pilothouse.services.postgres.PasswordLookup etcdPasswords = Passwords.standardChain();
        this.locks = new WorkspaceLocks(workspace, EtcdOperationLock.DEFAULT_TTL,
                source -> io.pilothouse.services.live.EtcdPasswords.of(source, etcdPasswords));
        this.registry = registry;
        // Every mutating path of the session (switchover, Patroni operations, in-doubt, reshard, traffic, backends,
        // alerts) shares this guard, so a wall session refuses them all in services.
        this.guard = OperationGuards.forSession(kind, workspace, locks, registry);
        this.patroniAuth = new WorkspacePatroniAuth(workspace, monitor.feed()::latest, Passwords.resolver());
        this.switchovers = Switchovers.on(monitor, executors, settings, guard, patroniAuth,
                SwitchoverSettings.DEFAULTS);
        this.executors = executors;
        this.monitor = monitor;
        this.history = history;
        this.lag = lag;
        this.lagSampler = lagSampler;
        // The alert history: acknowledging and silencing are audited and refused in a read-only workspace.
        this.alertLedger = new io.pilothouse.services.alerts.AlertLedger(new io.pilothouse.services.policy
                .MutationGate(kind, workspace.readOnly(), AuditLogs.open()), Clock.systemUTC(),
                System.getProperty("user.name"), 500).follow(alerts);
        SessionParts parts = new SessionParts(workspace, monitor, guard, registry, executors.io());
        this.inDoubtWiring = new InDoubtWiring(parts);
        this.reshardWiring = new ReshardWiring(parts);
        this.activityWiring = new ActivityWiring(workspace, monitor, guard);
    }

    /** Starts following every source of {@code workspace}; returns at once. */
    public static LiveSession start(Workspace workspace, LiveSettings settings) {
        return start(workspace, settings, Notifier.NONE);
    }

    /** As {@link #start(Workspace, LiveSettings)}, telling {@code notifier} of failovers, switchovers and lost members. */
    public static LiveSession start(Workspace workspace, LiveSettings settings, Notifier notifier) {
        return start(workspace, settings, notifier, e -> { });
    }

    /**
     * As {@link #start(Workspace, LiveSettings, Notifier)}, with {@code events} subscribed before the first source is
     * read, so that it sees every event from the first ({@code CLUSTER_DISCOVERED}) on; called on an I/O thread.
     */
    public static LiveSession start(Workspace workspace, LiveSettings settings, Notifier notifier,
                                    Consumer<ClusterEvent> events) {
        return start(workspace, settings, notifier, events, SessionHistory.Mode.OFF);
    }

    /**
     * As {@link #start(Workspace, LiveSettings, Notifier, Consumer)}, restoring from and recording into the history
     * store ({@link HistoryStores#file()}) as {@code historyMode} says: long-running sessions (the window, watch,
     * the wall) record; one-shot commands do not.
     */
    public static LiveSession start(Workspace workspace, LiveSettings settings, Notifier notifier,
                                    Consumer<ClusterEvent> events, SessionHistory.Mode historyMode) {
        LiveSession session = prepare(workspace, settings, notifier, events, historyMode);
        session.begin();
        return session;
    }

    /**
     * The session wired but not reading: nothing touches the network until {@link #begin()}, so a window can bind
     * its views to {@link #feed()} (empty: every source "not connected yet") and paint its first frame at once. The
     * history store (as {@code historyMode} says) is opened and its events restored here; its lag after the first
     * frame, in {@link #begin()}.
     */
    public static LiveSession prepare(Workspace workspace, LiveSettings settings, Notifier notifier,
                                      Consumer<ClusterEvent> events, SessionHistory.Mode historyMode) {
        return prepare(workspace, settings, notifier, events, historyMode, SessionKind.OPERATOR);
    }

    /**
     * As {@link #prepare(Workspace, LiveSettings, Notifier, Consumer, SessionHistory.Mode)} for a session of
     * {@code kind}: a {@link SessionKind#WALL} refuses every mutation in services, whatever the workspace says.
     */
    public static LiveSession prepare(Workspace workspace, LiveSettings settings, Notifier notifier,
                                      Consumer<ClusterEvent> events, SessionHistory.Mode historyMode,
                                      SessionKind kind) {
        LiveExecutors executors = LiveExecutors.create();
        EstateMonitor monitor = new EstateMonitor(workspace, executors, settings,
                Passwords.standardChain(), Clock.systemUTC());
        io.pilothouse.services.locks.OperationRegistry registry = new io.pilothouse.services.locks.OperationRegistry();
        EstateHistory history = new EstateHistory(notifier, registry::plannedActionOn);
        SessionHistory store = historyMode == SessionHistory.Mode.OFF ? null : SessionHistory.at(HistoryStores.file());
        if (historyMode == SessionHistory.Mode.RESTORE_AND_RECORD) {
            store.restoreEvents(history, Clock.systemUTC().instant());
        }
        LagHistory lag = new LagHistory();
        // The traffic layer (HAProxy, PgBouncer, Pgpool-II) of sources that name one; its problems are alerts too.
        io.pilothouse.services.traffic.TrafficMonitor traffic = new io.pilothouse.services.traffic.TrafficMonitor(
                workspace, monitor.feed()::latest, Passwords.standardChain(),
                io.pilothouse.services.traffic.TrafficSettings.DEFAULTS, Clock.systemUTC(), executors.io());
        AlertMonitor alerts = new AlertMonitor(monitor.feed(), new AlertEvaluator(
                AlertThresholds.of(workspace.alertsOrDefaults()), Clock.systemUTC(), traffic::problems));
        monitor.onEvent(history);
        if (store != null) {
            monitor.onEvent(store.record(monitor.feed(), lag, alerts, AuditLogs.path()));
        }
        monitor.onEvent(events);
        LagSampler lagSampler = new LagSampler(() -> monitor.feed().latest().clusters(), monitor::open, lag,
                executors.sampling());
        LiveSession session = new LiveSession(workspace, settings, executors, monitor, history, lag, lagSampler,
                alerts, registry, kind);
        session.store = store;
        session.historyMode = historyMode;
        session.traffic = traffic;
        return session;
    }

    private SessionHistory store;
    /** What {@link #begin()} started beside the live model (timelines, outbound alerts, other operators). */
    private SessionReaders readers;
    private boolean osNotifications;
    private SessionHistory.Mode historyMode = SessionHistory.Mode.OFF;
    private io.pilothouse.services.traffic.TrafficMonitor traffic;

    /**
     * The traffic layer's live source: read every few seconds off the FX thread once the session has begun (only when
     * some source names a load balancer or pooler); its snapshots are what the Traffic view renders.
     */
    public io.pilothouse.services.traffic.TrafficMonitor traffic() {
        return traffic;
    }

    /**
     * Whether raised alerts also go to the desktop's notifications (libnotify's {@code notify-send}, when present).
     * Off unless turned on before {@link #begin()}: the window turns it on; a wall leaves it off.
     */
    public synchronized LiveSession osNotifications(boolean on) {
        osNotifications = on;
        return this;
    }

    /** The outbound alert targets' state now (Alertmanager, webhook); empty before {@link #begin()} or without any. */
    public synchronized java.util.List<io.pilothouse.services.alerts.outbound.DeliveryStatus> outboundStatuses() {
        return readers == null ? java.util.List.of() : readers.outboundStatuses();
    }

    /** The session's history store, or null when this session does not record (one-shot commands). */
    public SessionHistory historyStore() {
        return store;
    }

    /**
     * Starts reading every source (etcd watch, Patroni REST, SQL) and the samplers behind the views; returns at
     * once. Called once; later calls, and calls after {@link #close()}, do nothing.
     */
    public synchronized void begin() {
        if (begun || closed) {
            return;
        }
        begun = true;
        ClassPrewarm.sqlOn(executors.io());
        monitor.start();
        if (historyMode == SessionHistory.Mode.RESTORE_AND_RECORD) {
            store.restoreLagThen(lag, lagSampler::start);
        } else {
            lagSampler.start();
        }
        alerts.start(executors.scheduler(), Duration.ofSeconds(1));
        readers = SessionReaders.start(workspace, monitor, history, alerts, executors, locks, registry,
                historyMode != SessionHistory.Mode.OFF, osNotifications);
        traffic.start(executors.scheduler());
    }

    /**
     * What a one-shot command needs: reads every source (etcd once, over its JSON gateway: no gRPC or Netty), and
     * evaluates alerts on each new snapshot; no lag sampler, no timeline refresh and no alert tick competing with the
     * first read. Returns at once.
     */
    public synchronized void beginOneShot() {
        if (begun || closed) {
            return;
        }
        begun = true;
        ClassPrewarm.sqlOn(executors.io());
        monitor.startOnce();
        alerts.start(null, Duration.ofSeconds(1));
    }

    /**
     * {@link #begin()} on the session's I/O pool, returning at once: what a window calls after its first frame. A
     * failure to start is one line on standard error; the window stays open with its sources "not connected yet".
     */
    public void beginInBackground() {
        executors.io().execute(() -> {
            try {
                begin();
            } catch (RuntimeException e) {
                System.err.println("pilothouse: could not start reading the workspace's sources: " + e.getMessage());
            }
        });
    }

    /** Whether {@link #begin()} has run: the sources are being read. */
    public synchronized boolean begun() {
        return begun;
    }

    public EstateFeed feed() {
        return monitor.feed();
    }

    /** Leader changes (switchover or failover), timelines and member losses of every cluster, as recorded. */
    public EstateHistory history() {
        return history;
    }

    /** Lag of every replica over the last 24 hours, sampled every second. */
    public LagHistory lag() {
        return lag;
    }

    /** Active alerts of every cluster, re-evaluated on every snapshot and once a second; raised/cleared events. */
    public AlertsFeed alerts() {
        return alerts;
    }

    /** The alerts of this session as a history (kept after they clear), with acknowledge and silence. */
    public io.pilothouse.services.alerts.AlertLedger alertLedger() {
        return alertLedger;
    }

    /** Switchover and failover of every cluster: pre-checks, the guided operation, its report. */
    public SwitchoverService switchovers() {
        return switchovers;
    }

    /** Patroni operations (restart, reload, reinitialise, pause, configuration) inside this session's guard. */
    public PatroniOperations operations(OperationTimeouts timeouts) {
        return new PatroniOperations(guard, monitor.patroniRest(), monitor.feed(), patroniAuth, timeouts,
                io.pilothouse.services.operations.LeaderSettings.over(monitor::open));
    }

    /**
     * The session's pool for blocking I/O (elastic, daemon threads): where windows run blocking service calls such
     * as Patroni operations, off the FX thread. Shut down with the session.
     */
    public java.util.concurrent.ExecutorService ioExecutor() {
        return executors.io();
    }

    /** Reads the prepared (in-doubt) branches of every primary of the workspace. */
    public InDoubtScanner inDoubt() {
        return inDoubtWiring.scanner();
    }

    /** The in-doubt transactions now: grouped, each with its advice (decision record consulted when configured). */
    public java.util.List<io.pilothouse.services.indoubt.AdvisedTransaction> inDoubtAnalysis(
            io.pilothouse.services.indoubt.InDoubtScan scan) {
        return inDoubtWiring.analysis(scan);
    }

    /** Commits or rolls back prepared branches inside this session's guard. */
    public InDoubtOperations inDoubtOperations() {
        return inDoubtWiring.operations();
    }

    /** How shard map readers and resharding reach shard nodes: through the workspace's sources. */
    public io.pilothouse.services.shards.map.ShardNodeConnector shardNodes() {
        return reshardWiring.shardNodes();
    }

    /**
     * Every shard map of the workspace: native partitioning on each cluster's primary, the workspace's application
     * maps, Citus where installed. Blocking; call it off the UI thread.
     */
    public io.pilothouse.services.shards.map.ShardMapReader shardMaps() {
        return reshardWiring.shardMaps();
    }

    /**
     * Resharding: moves journaled next to the audit log ({@code reshard/}), run inside this session's guard, checked
     * against the live model's guard-rails.
     */
    public io.pilothouse.services.reshard.ReshardService reshard() {
        return reshardWiring.reshard();
    }

    /** Citus's rebalancer on a coordinator, inside this session's guard. */
    public io.pilothouse.services.reshard.CitusRebalanceService citusRebalance() {
        return reshardWiring.citusRebalance();
    }

    /** The live snapshot of cluster {@code source/scope}, if the model has it. */
    public java.util.Optional<io.pilothouse.services.model.ClusterSnapshot> cluster(String sourceSlashScope) {
        return monitor.feed().latest().cluster(sourceSlashScope);
    }

    /**
     * The coordinator of cluster {@code name} ({@code scope} or {@code source/scope}; null for the workspace's only
     * Patroni cluster): its primary now, in {@code database} (null for the source's database).
     *
     * @throws IllegalArgumentException when there is no such cluster, several match, or it has no primary
     */
    public io.pilothouse.services.reshard.MoveRequest moveRequest(String name, String database, String partition,
                                                                  String targetServer, String user) {
        return new MoveRequests(workspace, monitor.feed()).of(name, database, partition, targetServer, user);
    }

    /**
     * The activity of any node (sessions, waits, blocking, advisory locks, rates): one per session so that each
     * node's transactions and WAL per second build up over reads. Statements are bounded at 2 s.
     */
    public io.pilothouse.services.activity.ActivityService activity() {
        return activityWiring.activity();
    }

    /**
     * Cancelling and terminating backends inside this session's guard: as the workspace's role (pooled), or as
     * another role in the source's database (its password from pgpass or the keyring).
     */
    public io.pilothouse.services.activity.BackendSignals backendSignals() {
        return activityWiring.backendSignals();
    }

    /** What runs now: this app's operations and, through the etcd locks, other operators'. */
    public io.pilothouse.services.locks.OperationRegistry operationsRunning() {
        return registry;
    }

    /** HAProxy and PgBouncer operations, and holding clients at PgBouncer, inside this session's guard. */
    public TrafficWiring trafficOps() {
        return new TrafficWiring(workspace, monitor, guard, Passwords.resolver());
    }

    /** Adding and removing replicas inside this session's guard. */
    public ReplicaWiring replicas() {
        return new ReplicaWiring(workspace, monitor, guard, registry);
    }

    /** The workspace this session follows. */
    public Workspace workspace() {
        return workspace;
    }

    /** An operator's session, or a wall's (whose guard refuses every mutation). */
    public SessionKind kind() {
        return kind;
    }

    /** What every operation of this workspace runs inside (read-only refusal, audit, etcd lock). */
    public OperationGuard guard() {
        return guard;
    }

    /** Subscribes to events (called on an I/O thread). */
    public AutoCloseable onEvent(Consumer<ClusterEvent> listener) {
        return monitor.onEvent(listener);
    }

    /** See {@link EstateMonitor#awaitSettled(Duration)}. */
    public boolean awaitSettled(Duration timeout) throws InterruptedException {
        return monitor.awaitSettled(timeout);
    }

    /** See {@link EstateMonitor#sourceProblems()}. */
    public java.util.List<String> sourceProblems() {
        return monitor.sourceProblems();
    }

    /** See {@link EstateMonitor#awaitAnswered(Duration)}: what had not answered at the deadline. */
    public java.util.List<String> awaitAnswered(Duration timeout) throws InterruptedException {
        return monitor.awaitAnswered(timeout);
    }

    @Override
    public void close() {
        SessionReaders started;
        synchronized (this) {
            closed = true;
            started = readers;
        }
        if (started != null) {
            started.close();
        }
        locks.close();
        traffic.close();
        alertLedger.close();
        alerts.close();
        lagSampler.close();
        if (store != null) {
            store.close();
        }
        monitor.close();
        executors.close();
    }
}
