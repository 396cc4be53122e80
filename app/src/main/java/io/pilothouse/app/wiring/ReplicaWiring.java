package io.pilothouse.app.wiring;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.pilothouse.services.etcd.EtcdClients;
import io.pilothouse.services.live.EstateMonitor;
import io.pilothouse.services.live.EtcdPasswords;
import io.pilothouse.services.locks.OperationRegistry;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.policy.OperationGuard;
import io.pilothouse.services.postgres.PasswordLookup;
import io.pilothouse.services.replicas.PatroniConfigGaps;
import io.pilothouse.services.replicas.PatroniMembers;
import io.pilothouse.services.replicas.ReplicaService;
import io.pilothouse.services.replicas.ReplicaSql;
import io.pilothouse.services.workspace.EtcdConfig;
import io.pilothouse.services.workspace.NodeAddress;
import io.pilothouse.services.workspace.PostgresConfig;
import io.pilothouse.services.workspace.SourceConfig;
import io.pilothouse.services.workspace.Workspace;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Adding and removing replicas in a session: SQL through the cluster's source settings, passwords from pgpass or the
 * keyring, member keys deleted in the source's etcd, all inside the session's guard.
 */
public final class ReplicaWiring {

    private static final Duration ETCD_TIMEOUT = Duration.ofSeconds(10);

    private final Workspace workspace;
    private final EstateMonitor monitor;
    private final OperationGuard guard;
    private final OperationRegistry registry;
    private final PasswordLookup passwords = Passwords.standardChain();

    ReplicaWiring(Workspace workspace, EstateMonitor monitor, OperationGuard guard, OperationRegistry registry) {
        this.workspace = workspace;
        this.monitor = monitor;
        this.guard = guard;
        this.registry = registry;
    }

    /** The service for clusters of {@code cluster}'s source. */
    public ReplicaService service(ClusterSnapshot cluster) {
        SourceConfig source = source(cluster);
        return new ReplicaService(guard, sql(source),
                scope -> registry.runningOn(scope).stream().findFirst().map(op -> op.describe(Instant.now())),
                patroni(source));
    }

    /** SSH settings for the replica hosts: ~/.ssh and the workspace's known_hosts file. */
    public io.pilothouse.services.hosts.SshSettings sshSettings() {
        return io.pilothouse.services.hosts.SshSettings.forWorkspace(workspace);
    }

    /** True when the workspace refuses every change. */
    public boolean readOnly() {
        return guard.isReadOnly();
    }

    /** Removing replicas of {@code cluster}'s source. */
    public io.pilothouse.services.replicas.ReplicaRemoval removal(ClusterSnapshot cluster) {
        SourceConfig source = source(cluster);
        return new io.pilothouse.services.replicas.ReplicaRemoval(guard, sql(source), patroni(source));
    }

    private SourceConfig source(ClusterSnapshot cluster) {
        return workspace.sources().stream().filter(s -> s.name().equals(cluster.source())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no source " + cluster.source() + " in the workspace"));
    }

    private ReplicaSql sql(SourceConfig source) {
        PostgresConfig base = source.postgres() == null ? new PostgresConfig(null, null, null, null) : source.postgres();
        return new ReplicaSql() {
            @Override
            public Connection monitor(String host, int port) throws SQLException {
                return monitor.openFresh(source.name(), new NodeAddress(host, port));
            }

            @Override
            public Connection as(String user, String database, String host, int port) throws SQLException {
                return monitor.openAs(source.name(), host, port, database, user);
            }

            @Override
            public Optional<char[]> password(String host, int port, String user) {
                return passwords.find(host, port, base.as(user, "replication"));
            }
        };
    }

    private PatroniMembers patroni(SourceConfig source) {
        EtcdConfig etcd = source.etcd();
        return new PatroniMembers() {
            @Override
            public Optional<Dcs> dcs(ClusterSnapshot cluster) {
                if (etcd == null) {
                    return Optional.empty();
                }
                String protocol = URI.create(etcd.endpoints().get(0)).getScheme();
                return Optional.of(new Dcs(etcd.endpoints().stream().map(e -> {
                    URI u = URI.create(e);
                    return u.getHost() + ":" + u.getPort();
                }).toList(), protocol, etcd.namespace()));
            }

            @Override
            public List<String> configGaps(ClusterSnapshot cluster) {
                return PatroniConfigGaps.of(source, cluster);
            }

            @Override
            public Optional<ClusterSnapshot> latest(ClusterSnapshot cluster) {
                return monitor.feed().latest().cluster(cluster.source(), cluster.scope());
            }

            @Override
            public boolean deleteMemberKey(ClusterSnapshot cluster, String member) throws Exception {
                if (etcd == null) {
                    return false;
                }
                String key = EtcdConfig.normalise(etcd.namespace()) + cluster.scope() + "/members/" + member;
                try (Client client = EtcdClients.builder(etcd, ETCD_TIMEOUT, EtcdPasswords.of(source, passwords))
                        .build()) {
                    return client.getKVClient().delete(ByteSequence.from(key, StandardCharsets.UTF_8))
                            .get(ETCD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).getDeleted() > 0;
                }
            }
        };
    }
}
