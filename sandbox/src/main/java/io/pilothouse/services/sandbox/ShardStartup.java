package io.pilothouse.services.sandbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Starts the shards of {@code up --shards N}: standalone PostgreSQL servers beside the cluster, created and run like
 * the plain sandbox's primary, each with the sandbox roles and prepared transactions enabled. They are in
 * {@code sandbox.json} before their first process starts, so {@code down} stops them whatever happens.
 */
final class ShardStartup {

    /** The shard's own settings, appended to its postgresql.conf. */
    static final String SHARD_CONF = """

            # Pilothouse sandbox shard
            listen_addresses = '127.0.0.1'
            max_prepared_transactions = 20
            # Resharding moves partitions between nodes with logical replication.
            wal_level = logical
            # PostgreSQL 15 starts at most one logical apply worker per interval (default 5 s) per server: back-to-back
            # moves into one shard would each wait that long before copying.
            wal_retrieve_retry_interval = '1s'
            fsync = off
            """;

    private final SandboxUser user;
    private final LocalPostgres postgres;

    ShardStartup(SandboxUser user, LocalPostgres postgres) {
        this.user = user;
        this.postgres = postgres;
    }

    /** The shards of {@code spec} on {@code ports} (one each, in order), none started yet. */
    static List<SandboxInfo.Shard> plan(SandboxSpec spec, SandboxLayout layout, List<Integer> ports) {
        if (ports.size() != spec.shards()) {
            throw new IllegalArgumentException("need " + spec.shards() + " shard ports, got " + ports.size());
        }
        List<SandboxInfo.Shard> shards = new ArrayList<>();
        for (int i = 0; i < spec.shards(); i++) {
            String name = spec.shardName(i);
            shards.add(new SandboxInfo.Shard(name, SandboxPlan.HOST, ports.get(i), layout.dataDir(name), 0));
        }
        return List.copyOf(shards);
    }

    /**
     * The shard clusters of {@code spec}, none started yet: each has its members' ports, and its first member's address
     * and data directory as its own.
     */
    static List<SandboxInfo.Shard> planClusters(SandboxSpec spec, SandboxLayout layout,
                                                Map<String, List<SandboxPlan.MemberPlan>> members) {
        List<SandboxInfo.Shard> shards = new ArrayList<>();
        for (int i = 0; i < spec.shards(); i++) {
            String name = spec.shardName(i);
            List<SandboxInfo.Member> infos = members.get(name).stream()
                    .map(m -> new SandboxInfo.Member(m.name(), m.restUrl(), SandboxPlan.HOST, m.pgPort(),
                            layout.dataDir(m.name()), 0, 0))
                    .toList();
            shards.add(new SandboxInfo.Shard(name, SandboxPlan.HOST, infos.get(0).pgPort(), infos.get(0).dataDir(),
                    0, infos));
        }
        return List.copyOf(shards);
    }

    /**
     * Initialises and starts every standalone shard of {@code info}, then waits until each accepts logins and has the sandbox
     * roles. All postmasters are started before the first wait, so they come up side by side.
     */
    SandboxInfo start(SandboxLayout layout, SandboxInfo info, Credentials credentials, LaunchedProcesses watched,
                      Deadline deadline, Consumer<String> progress) {
        if (info.shards().isEmpty() || info.shards().stream().allMatch(SandboxInfo.Shard::patroni)) {
            // Shard clusters are started with the cluster's members: Patroni bootstraps them.
            return info;
        }
        progress.accept("Starting shards " + info.shards().stream()
                .map(s -> s.name() + " on port " + s.pgPort()).collect(Collectors.joining(", "))
                + " (standalone PostgreSQL, max_prepared_transactions = 20)");
        SandboxInfo updated = info;
        for (SandboxInfo.Shard shard : info.shards()) {
            user.own(PrivateFiles.directory(layout.memberDir(shard.name()), PrivateFiles.PRIVATE_DIR));
            postgres.initdb(layout, shard.name(), credentials, SHARD_CONF, deadline);
            Process p = postgres.start(layout, shard.name(), shard.dataDir(), shard.pgPort(), watched);
            updated = updated.withShard(shard.withPostgresPid(p.pid()));
            SandboxState.write(layout, updated);
        }
        for (SandboxInfo.Shard shard : updated.shards()) {
            LocalPostgres.awaitLogin(shard.name(), shard.pgHost(), shard.pgPort(), credentials, watched, deadline);
            try (Connection c = LocalPostgres.connect(shard.pgHost(), shard.pgPort(), credentials)) {
                LocalPostgres.createRoles(c, credentials);
            } catch (SQLException e) {
                throw new SandboxException("Cannot create the sandbox roles on " + shard.name() + ": "
                        + e.getMessage(), e);
            }
        }
        return updated;
    }
}
