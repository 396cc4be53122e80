package io.pilothouse.services.sandbox;

import io.pilothouse.services.postgres.SqlIdentifiers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;

/**
 * A PostgreSQL server the sandbox runs itself, without Patroni: initdb, a postmaster in the foreground of its own
 * session, the sandbox roles, readiness. Shared by the plain sandbox and the shards, so both are created, started
 * and stopped the same way (same runner, user, directory rules; {@code down} finds them by their data directory).
 */
final class LocalPostgres {

    private static final Duration POLL = Duration.ofMillis(200);

    private final Binaries binaries;
    private final SandboxUser user;
    private final ProcessRunner runner;

    LocalPostgres(Binaries binaries, SandboxUser user, ProcessRunner runner) {
        this.binaries = binaries;
        this.user = user;
        this.runner = runner;
    }

    /** initdb as the sandbox user with the superuser's password, then {@code conf} appended to postgresql.conf. */
    void initdb(SandboxLayout layout, String name, Credentials credentials, String conf, Deadline deadline) {
        Path pwfile = layout.initdbPasswordFile(name);
        PrivateFiles.write(pwfile, credentials.superuserPassword() + "\n", PrivateFiles.OWNER_ONLY);
        user.own(pwfile);
        try {
            run(layout, name, "initdb", List.of(binaries.pgBinDir().resolve("initdb").toString(),
                    "--pgdata=" + layout.dataDir(name), "--username=" + Credentials.SUPERUSER,
                    "--pwfile=" + pwfile, "--data-checksums", "--encoding=UTF8", "--locale=C.UTF-8",
                    "--auth-local=trust", "--auth-host=scram-sha-256", "--no-sync"), deadline);
        } finally {
            try {
                Files.deleteIfExists(pwfile);
            } catch (IOException e) {
                // Owner-only in a private directory; down --destroy removes it with the rest.
            }
        }
        append(layout.dataDir(name).resolve("postgresql.conf"), conf);
    }

    /** Starts the postmaster of {@code name} in the foreground of its own session; returns at once. */
    Process start(SandboxLayout layout, String name, Path dataDir, int port, LaunchedProcesses watched) {
        Process postgres = runner.start(List.of(binaries.pgBinDir().resolve("postgres").toString(),
                "-D", dataDir.toString(), "-c", "port=" + port,
                "-c", "unix_socket_directories=" + layout.socketDir(name), "-c", "cluster_name=" + name),
                layout.memberDir(name), layout.postgresLog(name));
        watched.add(name, ProcessKind.POSTGRES, postgres, layout.postgresLog(name));
        return postgres;
    }

    /** Runs a PostgreSQL tool for {@code member} to completion, its output in {@code logs/<member>-<what>.log}. */
    void run(SandboxLayout layout, String member, String what, List<String> command, Deadline deadline) {
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

    /** Appends to a file of the sandbox user's, creating it if needed. */
    void append(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND, StandardOpenOption.CREATE);
        } catch (IOException e) {
            throw new SandboxException("Cannot write " + file + ": " + e.getMessage(), e);
        }
        user.own(file);
    }

    /**
     * The sandbox roles besides the superuser, with their passwords: the replication role, the monitoring role
     * (member of {@code pg_monitor}) and the application role, owner of database {@code app}.
     */
    static void createRoles(Connection c, Credentials credentials) throws SQLException {
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

    /** A superuser connection to database {@code postgres}, with short timeouts. */
    static Connection connect(String host, int port, Credentials credentials) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", Credentials.SUPERUSER);
        props.setProperty("password", credentials.superuserPassword());
        props.setProperty("connectTimeout", "2");
        props.setProperty("socketTimeout", "10");
        props.setProperty("ApplicationName", "pilothouse-sandbox");
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/postgres", props);
    }

    /** Waits until the server accepts a superuser login; fails at once if a watched process exits. */
    static void awaitLogin(String name, String host, int port, Credentials credentials, LaunchedProcesses watched,
                           Deadline deadline) {
        String last = "not tried";
        while (!deadline.passed()) {
            watched.check();
            try (Connection c = connect(host, port, credentials)) {
                return;
            } catch (SQLException e) {
                last = e.getMessage();
            }
            sleep();
        }
        throw new SandboxException("PostgreSQL " + name + " did not accept logins in time (" + last + ")"
                + watched.logsOf(name));
    }

    static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("Interrupted while waiting for PostgreSQL to start", e);
        }
    }
}
