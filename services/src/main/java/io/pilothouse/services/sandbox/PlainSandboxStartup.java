package io.pilothouse.services.sandbox;

import io.pilothouse.services.postgres.SqlIdentifiers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.postgresql.PGConnection;

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
    private static final Duration POLL = Duration.ofMillis(200);

    /** Settings every node shares; pg_basebackup copies postgresql.conf, so they are written once, on the primary. */
    private static final String SHARED_CONF = """

            # Pilothouse plain sandbox
            listen_addresses = '127.0.0.1'
            wal_level = replica
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
    private final ProcessRunner runner;
    private final PortAllocator ports;
    private final SecureRandom random;
    private final Duration readyTimeout;

    PlainSandboxStartup(Binaries binaries, SandboxUser user, ProcessRunner runner, PortAllocator ports,
                        SecureRandom random, Duration readyTimeout) {
        this.binaries = binaries;
        this.user = user;
        this.runner = runner;
        this.ports = ports;
        this.random = random;
        this.readyTimeout = readyTimeout;
    }

    SandboxInfo up(SandboxSpec spec, Consumer<String> progress) {
        long started = System.nanoTime();
        binaries.verifyPostgres();
        SandboxLayout layout = SandboxDirectory.prepare(spec, user);
        List<Integer> pgPorts = ports.allocate(MEMBERS.size());
        Credentials credentials = Credentials.generate(random);
        user.own(PrivateFiles.directory(layout.logs(), PrivateFiles.SHARED_DIR));
        PgPassWriter.write(layout.passfile(), SandboxPlan.HOST, pgPorts, credentials);
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
                Instant.now().toString());
        SandboxState.write(layout, info);
        LaunchedProcesses watched = new LaunchedProcesses();
        Deadline deadline = Deadline.in(readyTimeout);
        try {
            progress.accept("Initialising the primary " + PRIMARY + " on port " + pgPorts.get(0) + " as user "
                    + user.name());
            initdb(layout, credentials, deadline);
            info = start(layout, info, PRIMARY, watched, deadline, credentials);
            try (Connection c = connect(info.requireMember(PRIMARY), credentials)) {
                createRoles(c, credentials);
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
            WorkspaceWriter.write(info);
            SandboxState.write(layout, info);
            progress.accept(String.format("Plain sandbox ready in %.1f s: primary %s, standby %s, cascading standby "
                            + "%s; workspace %s", (System.nanoTime() - started) / 1e9, PRIMARY, STANDBY, CASCADE,
                    info.workspaceFile()));
            return info;
        } catch (RuntimeException e) {
            throw SandboxTeardown.afterFailedStart(layout, e, progress);
        }
    }

    private void initdb(SandboxLayout layout, Credentials credentials, Deadline deadline) {
        Path pwfile = layout.initdbPasswordFile(PRIMARY);
        PrivateFiles.write(pwfile, credentials.superuserPassword() + "\n", PrivateFiles.OWNER_ONLY);
        user.own(pwfile);
        try {
            run(layout, PRIMARY, "initdb", List.of(binaries.pgBinDir().resolve("initdb").toString(),
                    "--pgdata=" + layout.dataDir(PRIMARY), "--username=" + Credentials.SUPERUSER,
                    "--pwfile=" + pwfile, "--data-checksums", "--encoding=UTF8", "--locale=C.UTF-8",
                    "--auth-local=trust", "--auth-host=scram-sha-256", "--no-sync"), deadline);
        } finally {
            try {
                Files.deleteIfExists(pwfile);
            } catch (IOException e) {
                // Owner-only in a private directory; down --destroy removes it with the rest.
            }
        }
        append(layout.dataDir(PRIMARY).resolve("postgresql.conf"), SHARED_CONF);
    }

    /** Starts the member's postmaster in the foreground of its own session and waits until it accepts logins. */
    private SandboxInfo start(SandboxLayout layout, SandboxInfo info, String name, LaunchedProcesses watched,
                              Deadline deadline, Credentials credentials) {
        SandboxInfo.Member m = info.requireMember(name);
        Process postgres = runner.start(List.of(binaries.pgBinDir().resolve("postgres").toString(),
                "-D", m.dataDir().toString(), "-c", "port=" + m.pgPort(),
                "-c", "unix_socket_directories=" + layout.socketDir(name), "-c", "cluster_name=" + name),
                layout.memberDir(name), layout.postgresLog(name));
        watched.add(name, ProcessKind.POSTGRES, postgres, layout.postgresLog(name));
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
        run(layout, name, "pg_basebackup", List.of(binaries.pgBinDir().resolve("pg_basebackup").toString(),
                "--pgdata=" + m.dataDir(), "--dbname=" + conninfo, "--wal-method=stream", "--checkpoint=fast",
                "--no-sync"), deadline);
        Path signal = m.dataDir().resolve("standby.signal");
        PrivateFiles.write(signal, "", PrivateFiles.OWNER_ONLY);
        user.own(signal);
        append(m.dataDir().resolve("postgresql.auto.conf"), "primary_conninfo = " + gucString(conninfo) + "\n"
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

    private void run(SandboxLayout layout, String member, String what, List<String> command, Deadline deadline) {
        Path log = layout.logs().resolve(member + "-" + what + ".log");
        Process p = runner.start(command, layout.memberDir(member), log);
        try {
            if (!p.waitFor(Math.max(1, deadline.remaining().toMillis()), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new SandboxException(what + " for " + member + " did not finish in time" + LogTail.section(log, 25));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new SandboxException("Interrupted while running " + what + " for " + member, e);
        }
        if (p.exitValue() != 0) {
            throw new SandboxException(what + " for " + member + " failed with exit code " + p.exitValue()
                    + LogTail.section(log, 25));
        }
    }

    private static void createRoles(Connection c, Credentials credentials) throws SQLException {
        try (Statement st = c.createStatement()) {
            // DDL takes no bind parameters: names go through the quoting helper; passwords go over as SCRAM
            // verifiers computed by the driver below.
            String replication = SqlIdentifiers.quote(Credentials.REPLICATION);
            String monitor = SqlIdentifiers.quote(Credentials.MONITOR);
            String app = SqlIdentifiers.quote(Credentials.APP);
            st.execute(String.format("CREATE ROLE %s LOGIN REPLICATION", replication));
            st.execute(String.format("CREATE ROLE %s LOGIN", monitor));
            st.execute(String.format("GRANT pg_monitor TO %s", monitor));
            st.execute(String.format("CREATE ROLE %s LOGIN", app));
            st.execute(String.format("CREATE DATABASE %s OWNER %s", app, app));
        }
        PGConnection pg = c.unwrap(PGConnection.class);
        pg.alterUserPassword(Credentials.REPLICATION, credentials.replicationPassword().toCharArray(), null);
        pg.alterUserPassword(Credentials.MONITOR, credentials.monitorPassword().toCharArray(), null);
        pg.alterUserPassword(Credentials.APP, credentials.appPassword().toCharArray(), null);
    }

    private static void createSlot(Connection c, String slot) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_create_physical_replication_slot(?)")) {
            ps.setString(1, slot);
            ps.execute();
        }
    }

    private static Connection connect(SandboxInfo.Member m, Credentials credentials) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", Credentials.SUPERUSER);
        props.setProperty("password", credentials.superuserPassword());
        props.setProperty("connectTimeout", "2");
        props.setProperty("socketTimeout", "10");
        props.setProperty("ApplicationName", "pilothouse-sandbox");
        return DriverManager.getConnection("jdbc:postgresql://" + m.pgHost() + ":" + m.pgPort() + "/postgres", props);
    }

    private static void awaitLogin(SandboxInfo.Member m, Credentials credentials, LaunchedProcesses watched,
                                   Deadline deadline) {
        String last = "not tried";
        while (!deadline.passed()) {
            watched.check();
            try (Connection c = connect(m, credentials)) {
                return;
            } catch (SQLException e) {
                last = e.getMessage();
            }
            sleep();
        }
        throw new SandboxException("PostgreSQL " + m.name() + " did not accept logins in time (" + last + ")"
                + watched.logsOf(m.name()));
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
            sleep();
        }
        throw new SandboxException(applicationName + " is not streaming from " + upstream.name() + " in time (" + last
                + ")" + watched.logsOf(upstream.name()));
    }

    private void append(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND, StandardOpenOption.CREATE);
        } catch (IOException e) {
            throw new SandboxException("Cannot write " + file + ": " + e.getMessage(), e);
        }
        user.own(file);
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("Interrupted while waiting for the plain sandbox", e);
        }
    }
}
