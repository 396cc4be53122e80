package io.pilothouse.app.wiring;

import io.pilothouse.services.credentials.Credential;
import io.pilothouse.services.credentials.CredentialRequest;
import io.pilothouse.services.credentials.CredentialResolver;
import io.pilothouse.services.live.EstateMonitor;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.policy.OperationGuard;
import io.pilothouse.services.trafficops.HaproxyRuntime;
import io.pilothouse.services.trafficops.HaproxyWriteSteer;
import io.pilothouse.services.trafficops.HoldJournal;
import io.pilothouse.services.trafficops.LeftPauses;
import io.pilothouse.services.trafficops.PgBouncerAddress;
import io.pilothouse.services.trafficops.PgBouncerAdmin;
import io.pilothouse.services.trafficops.PgBouncerClientHold;
import io.pilothouse.services.trafficops.PgBouncerConnector;
import io.pilothouse.services.trafficops.PoolerTarget;
import io.pilothouse.services.trafficops.TrafficOperations;
import io.pilothouse.services.trafficops.TrafficSourceException;
import io.pilothouse.services.workspace.NodeAddress;
import io.pilothouse.services.workspace.SourceConfig;
import io.pilothouse.services.workspace.Workspace;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The traffic operations of a session: its guard, PgBouncer consoles with passwords from pgpass (database
 * {@code pgbouncer}) or the keyring, the hold journal next to the audit log ({@code traffic-holds/}).
 */
public final class TrafficWiring {

    /** How long the console may take to answer. */
    static final Duration CONSOLE_TIMEOUT = Duration.ofSeconds(5);
    /** The watchdog resumes a hold after this long, whatever the switchover does. */
    public static final Duration MAX_HOLD = Duration.ofSeconds(60);
    /** How long PgBouncer's target may take to reach the new leader after the switchover settled. */
    public static final Duration REACH_TIMEOUT = Duration.ofSeconds(20);
    /** How long HAProxy's admin socket may take to answer while steering. */
    static final Duration HAPROXY_TIMEOUT = Duration.ofSeconds(2);
    /** How often a held switchover asks the candidate whether it accepts writes yet. */
    static final Duration STEER_POLL = Duration.ofMillis(50);

    private final Workspace workspace;
    private final EstateMonitor monitor;
    private final OperationGuard guard;
    private final CredentialResolver passwords;

    TrafficWiring(Workspace workspace, EstateMonitor monitor, OperationGuard guard, CredentialResolver passwords) {
        this.workspace = workspace;
        this.monitor = monitor;
        this.guard = guard;
        this.passwords = passwords;
    }

    /** HAProxy and PgBouncer operations inside the session's guard. */
    public TrafficOperations operations() {
        return new TrafficOperations(guard);
    }

    /** The admin console of the PgBouncer at {@code address}. */
    public PgBouncerConnector console(PgBouncerAddress address) {
        String passfile = workspace.sources().stream().map(SourceConfig::postgres).filter(p -> p != null)
                .map(p -> p.passfile()).filter(p -> p != null).findFirst().orElse(null);
        return new PgBouncerConnector() {
            @Override
            public PgBouncerAddress address() {
                return address;
            }

            @Override
            public PgBouncerAdmin open() throws TrafficSourceException {
                return PgBouncerAdmin.open(address, () -> {
                    Credential c = passwords.resolve(new CredentialRequest(address.host(), address.port(),
                            "pgbouncer", address.user(), passfile));
                    return c.hasPassword() ? Optional.of(c.password().clone()) : Optional.empty();
                }, CONSOLE_TIMEOUT);
            }
        };
    }

    /** Where holds are journaled. */
    public HoldJournal journal() {
        return new HoldJournal(AuditLogs.path().toAbsolutePath().getParent().resolve("traffic-holds"));
    }

    /**
     * A hold of {@code database} at {@code address} for a switchover of {@code cluster}; when the workspace names
     * HAProxy's admin socket, it also steers HAProxy's write backends to the candidate once it accepts writes.
     */
    public PgBouncerClientHold hold(ClusterSnapshot cluster, PgBouncerAddress address, String database) {
        PoolerTarget target = new PoolerTarget((host, port) -> monitor.openFresh(cluster.source(),
                new NodeAddress(host, port)));
        PgBouncerClientHold hold = new PgBouncerClientHold(console(address), database, journal(), target, MAX_HOLD,
                REACH_TIMEOUT, Clock.systemUTC());
        haproxySocket(cluster.source()).ifPresent(socket -> hold.steering(new HaproxyWriteSteer(
                new HaproxyRuntime(socket, HAPROXY_TIMEOUT), target, STEER_POLL)));
        return hold;
    }

    /** HAProxy's admin socket for {@code source}, from the workspace's traffic.haproxy.socket key. */
    public Optional<java.nio.file.Path> haproxySocket(String source) {
        return workspace.sources().stream().filter(s -> s.name().equals(source)).findFirst()
                .map(s -> s.traffic() == null || s.traffic().haproxy() == null ? null : s.traffic().haproxy().socket())
                .map(java.nio.file.Path::of);
    }

    /** The workspace's traffic.pgbouncer of {@code source}, or empty when it names no PgBouncer. */
    public Optional<io.pilothouse.services.workspace.TrafficConfig.Pgbouncer> pgbouncer(String source) {
        return workspace.sources().stream().filter(s -> s.name().equals(source)).findFirst()
                .map(s -> s.traffic() == null ? null : s.traffic().pgbouncer());
    }

    /**
     * Holds of each of {@code databases} at the workspace's PgBouncer of {@code cluster}'s source, as one (the
     * window's switchover wizard: the same holds as {@code switchover --hold-clients}).
     */
    public io.pilothouse.services.switchover.ClientHold holdAll(ClusterSnapshot cluster, List<String> databases) {
        io.pilothouse.services.workspace.TrafficConfig.Pgbouncer p = pgbouncer(cluster.source()).orElseThrow(() ->
                new IllegalStateException("the workspace names no PgBouncer for " + cluster.source()
                        + " (traffic.pgbouncer); nothing was done"));
        PgBouncerAddress address = PgBouncerAddress.parse(p.address(), p.user());
        return io.pilothouse.services.switchover.ClientHolds.of(databases.stream()
                .map(d -> hold(cluster, address, d)).toList());
    }

    /** PgBouncer's admin console for {@code source}, from the workspace's traffic.pgbouncer keys. */
    public Optional<PgBouncerConnector> console(String source) {
        return workspace.sources().stream().filter(s -> s.name().equals(source)).findFirst()
                .map(s -> s.traffic() == null ? null : s.traffic().pgbouncer())
                .map(p -> console(PgBouncerAddress.parse(p.address(), p.user())));
    }

    /**
     * Resumes pauses a killed app left behind, one line per record; a read-only workspace changes nothing and only
     * names each pause with the command that resumes it (enforced in {@link LeftPauses}).
     */
    public List<String> resumeLeftPauses() {
        return LeftPauses.resume(journal(), this::console, guard.isReadOnly());
    }
}
