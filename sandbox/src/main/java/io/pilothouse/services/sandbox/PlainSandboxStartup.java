package io.pilothouse.services.sandbox;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One run of {@code up --plain}: a primary, a standby cloned from it and a cascading standby cloned from the
 * standby, each with its own physical slot on its upstream; plain streaming replication, nothing managing it.
 * Processes are started like the Patroni sandbox's (same runner, user, pgpass and directory rules), so
 * {@code down}, {@code status} and {@code kill9Member} work unchanged.
 */
final class PlainSandboxStartup {

    static final String PRIMARY = "node1";
    static final String STANDBY = "node2";
    static final String CASCADE = "node3";
    private static final List<String> MEMBERS = List.of(PRIMARY, STANDBY, CASCADE);

    /** Settings every node shares; pg_basebackup copies postgresql.conf, so they are written once, on the primary. */
    private static final String SHARED_CONF = """

            # Pilothouse plain sandbox
            listen_addresses = '127.0.0.1'
            wal_level = logical
            hot_standby = on
            max_wal_senders = 10
            max_replication_slots = 10
            wal_keep_size = '128MB'
            max_prepared_transactions = 20
            wal_retrieve_retry_interval = '1s'
            fsync = off
            """;

    private final Binaries binaries;
    private final SandboxUser user;
    private final LocalPostgres postgresServers;
    private final ShardStartup shards;
    private final PortAllocator ports;
    private final SecureRandom random;
    private final Duration readyTimeout;

    PlainSandboxStartup(Binaries binaries, SandboxUser user, ProcessRunner runner, PortAllocator ports,
                        SecureRandom random, Duration readyTimeout) {
        this.binaries = binaries;
        this.user = user;
        this.postgresServers = new LocalPostgres(binaries, user, runner);
        this.shards = new ShardStartup(user, postgresServers);
        this.ports = ports;
        this.random = random;
        this.readyTimeout = readyTimeout;
    }

    SandboxInfo up(SandboxSpec spec, Consumer<String> progress) {
        long started = System.nanoTime();
        binaries.verifyPostgres();
        SandboxLayout layout = SandboxDirectory.prepare(spec, user);
        List<Integer> allPorts = ports.allocate(MEMBERS.size() + spec.shards());
        List<Integer> pgPorts = allPorts.subList(0, MEMBERS.size());
        List<SandboxInfo.Shard> shardPlan = ShardStartup.plan(spec, layout, allPorts.subList(MEMBERS.size(),
                allPorts.size()));
        Credentials credentials = Credentials.generate(random);
        user.own(PrivateFiles.directory(layout.logs(), PrivateFiles.SHARED_DIR));
        PgPassWriter.write(layout.passfile(), SandboxPlan.HOST, allPorts, credentials);
        List<SandboxInfo.Member> members = new ArrayList<>();
        for (int i = 0; i < MEMBERS.size(); i++) {
            String name = MEMBERS.get(i);
            user.own(PrivateFiles.directory(layout.memberDir(name), PrivateFiles.PRIVATE_DIR));
            PrivateFiles.write(layout.memberPassfile(name),
                    PgPassWriter.render(SandboxPlan.HOST, pgPorts, credentials), PrivateFiles.OWNER_ONLY);
            user.own(layout.memberPassfile(name));
            members.add(new SandboxInfo.Member(name, null, SandboxPlan.HOST, pgPorts.get(i), layout.dataDir(name), 0, 0));
        }
        SandboxInfo info = new SandboxInfo(layout.dir(), spec.scope(), null, null, 0, members, null, layout.passfile(),
                Credentials.SUPERUSER, Credentials.MONITOR, Credentials.APP, layout.workspaceFile(), user.name(),
                Instant.now().toString(), shardPlan);
        SandboxState.write(layout, info);
        LaunchedProcesses watched = new LaunchedProcesses();
        Deadline deadline = Deadline.in(readyTimeout);
        try {
            progress.accept("Initialising the primary " + PRIMARY + " on port " + pgPorts.get(0) + " as user "
                    + user.name());
            postgresServers.initdb(layout, PRIMARY, credentials, SHARED_CONF, deadline);
            info = start(layout, info, PRIMARY, watched, deadline, credentials);
            try (Connection c = connect(info.requireMember(PRIMARY), credentials)) {
                LocalPostgres.createRoles(c, credentials);
                createSlot(c, STANDBY);
            } catch (SQLException e) {
                throw new SandboxException("Cannot create the roles and the slot on " + PRIMARY + ": "
                        + e.getMessage(), e);
            }
            progress.accept("Cloning " + STANDBY + " from " + PRIMARY + " (pg_basebackup, slot " + STANDBY + ")");
            info = clone(layout, info, STANDBY, PRIMARY, watched, deadline, credentials);
            try (Connection c = connect(info.requireMember(STANDBY), credentials)) {
                createSlot(c, CASCADE);
            } catch (SQLException e) {
                throw new SandboxException("Cannot create the slot " + CASCADE + " on " + STANDBY + ": "
                        + e.getMessage(), e);
            }
            progress.accept("Cloning " + CASCADE + " from the standby " + STANDBY + " (cascading, slot " + CASCADE + ")");
            info = clone(layout, info, CASCADE, STANDBY, watched, deadline, credentials);
            info = shards.start(layout, info, credentials, watched, deadline, progress);
            WorkspaceWriter.write(info);
            SandboxState.write(layout, info);
            progress.accept(String.format("Plain sandbox ready in %.1f s: primary %s, standby %s, cascading standby "
                            + "%s%s; workspace %s", (System.nanoTime() - started) / 1e9, PRIMARY, STANDBY, CASCADE,
                    shardsText(info), info.workspaceFile()));
            return info;
        } catch (RuntimeException e) {
            throw SandboxTeardown.afterFailedStart(layout, e, progress);
        }
    }

    /** {@code ", shards shard1, shard2"}, or nothing without shards. */
    static String shardsText(SandboxInfo info) {
        return info.shards().isEmpty() ? ""
                : ", shards " + String.join(", ", info.shards().stream().map(SandboxInfo.Shard::name).toList());
    }

    /** Starts the member's postmaster in the foreground of its own session and waits until it accepts logins. */
    private SandboxInfo start(SandboxLayout layout, SandboxInfo info, String name, LaunchedProcesses watched,
                              Deadline deadline, Credentials credentials) {
        SandboxInfo.Member m = info.requireMember(name);
        Process postgres = postgresServers.start(layout, name, m.dataDir(), m.pgPort(), watched);
        SandboxInfo updated = info.withMember(m.withPostgresPid(postgres.pid()));
        SandboxState.write(layout, updated);
        awaitLogin(updated.requireMember(name), credentials, watched, deadline);
        return updated;
    }

    /** pg_basebackup from {@code upstream} with the member's own slot, then start it as a standby of it. */
    private SandboxInfo clone(SandboxLayout layout, SandboxInfo info, String name, String upstream,
                              LaunchedProcesses watched, Deadline deadline, Credentials credentials) {
        SandboxInfo.Member up = info.requireMember(upstream);
        SandboxInfo.Member m = info.requireMember(name);
        String conninfo = conninfo(up, layout.memberPassfile(name), m);
        postgresServers.run(layout, name, "pg_basebackup", List.of(binaries.pgBinDir().resolve("pg_basebackup").toString(),
                "--pgdata=" + m.dataDir(), "--dbname=" + conninfo, "--wal-method=stream", "--checkpoint=fast",
                "--no-sync"), deadline);
        Path signal = m.dataDir().resolve("standby.signal");
        PrivateFiles.write(signal, "", PrivateFiles.OWNER_ONLY);
        user.own(signal);
        postgresServers.append(m.dataDir().resolve("postgresql.auto.conf"), "primary_conninfo = " + gucString(conninfo) + "\n"
                + "primary_slot_name = " + gucString(name) + "\n");
        SandboxInfo updated = start(layout, info, name, watched, deadline, credentials);
        awaitStreaming(up, endpoint(m), credentials, watched, deadline);
        return updated;
    }

    /** How {@code member} reaches {@code upstream}: as the replication role, named by its endpoint. */
    static String conninfo(SandboxInfo.Member upstream, Path passfile, SandboxInfo.Member member) {
        return "host=" + upstream.pgHost() + " port=" + upstream.pgPort() + " user=" + Credentials.REPLICATION
                + " dbname=replication passfile=" + conninfoValue(passfile.toString())
                + " application_name=" + conninfoValue(endpoint(member));
    }

    /** The member's {@code host:port}: its {@code application_name}, which is how the app names plain members. */
    static String endpoint(SandboxInfo.Member m) {
        return m.pgHost() + ":" + m.pgPort();
    }

    /** A libpq connection-string value: single-quoted, backslash and quote escaped. */
    static String conninfoValue(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** A postgresql.conf string value. */
    static String gucString(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static void createSlot(Connection c, String slot) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_create_physical_replication_slot(?)")) {
            ps.setString(1, slot);
            ps.execute();
        }
    }

    private static Connection connect(SandboxInfo.Member m, Credentials credentials) throws SQLException {
        return LocalPostgres.connect(m.pgHost(), m.pgPort(), credentials);
    }

    private static void awaitLogin(SandboxInfo.Member m, Credentials credentials, LaunchedProcesses watched,
                                   Deadline deadline) {
        LocalPostgres.awaitLogin(m.name(), m.pgHost(), m.pgPort(), credentials, watched, deadline);
    }

    /** Waits until {@code upstream}'s pg_stat_replication shows {@code applicationName} streaming. */
    private static void awaitStreaming(SandboxInfo.Member upstream, String applicationName, Credentials credentials,
                                       LaunchedProcesses watched, Deadline deadline) {
        String last = "no row yet";
        while (!deadline.passed()) {
            watched.check();
            try (Connection c = connect(upstream, credentials);
                 PreparedStatement ps = c.prepareStatement(
                         "SELECT state FROM pg_stat_replication WHERE application_name = ?")) {
                ps.setString(1, applicationName);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        last = rs.getString(1);
                        if ("streaming".equals(last)) {
                            return;
                        }
                    }
                }
            } catch (SQLException e) {
                last = e.getMessage();
            }
            LocalPostgres.sleep();
        }
        throw new SandboxException(applicationName + " is not streaming from " + upstream.name() + " in time (" + last
                + ")" + watched.logsOf(upstream.name()));
    }
}
