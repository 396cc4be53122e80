package io.pilothouse.services.trafficops;

import io.pilothouse.services.sandbox.SandboxConnections;
import io.pilothouse.services.sandbox.SandboxInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A real PgBouncer (Debian's) in front of a sandbox's HAProxy write port, for this package's server tests until the
 * sandbox starts one itself ({@code sandbox up --poolers}, branch traffic-read): transaction pooling, database
 * {@code appdb} -> the write port's {@code postgres}, the sandbox's app user and an admin user.
 */
final class TestPgBouncer implements AutoCloseable {

    static final String DATABASE = "appdb";
    static final String ADMIN = "pbadmin";

    private final Process process;
    private final int port;
    private final String adminPassword;
    private final String appUser;
    private final String appPassword;

    private TestPgBouncer(Process process, int port, String adminPassword, String appUser, String appPassword) {
        this.process = process;
        this.port = port;
        this.adminPassword = adminPassword;
        this.appUser = appUser;
        this.appPassword = appPassword;
    }

    static TestPgBouncer start(SandboxInfo sandbox) throws Exception {
        Path dir = sandbox.dir().resolve("test-pgbouncer");
        Files.createDirectories(dir);
        int port = freePort();
        String admin = UUID.randomUUID().toString().replace("-", "");
        String app = sandbox.appUser();
        String appPassword = SandboxConnections.password(sandbox.passfile(), "127.0.0.1",
                sandbox.haproxy().writePort(), "postgres", app).orElseThrow();
        Files.writeString(dir.resolve("userlist.txt"), "\"" + ADMIN + "\" \"" + admin + "\"\n\"" + app + "\" \""
                + appPassword + "\"\n");
        Files.writeString(dir.resolve("pgbouncer.ini"), """
                [databases]
                %1$s = host=127.0.0.1 port=%2$d dbname=postgres
                [pgbouncer]
                listen_addr = 127.0.0.1
                listen_port = %3$d
                unix_socket_dir =
                auth_type = scram-sha-256
                auth_file = %4$s
                admin_users = %5$s
                pool_mode = transaction
                default_pool_size = 10
                server_login_retry = 1
                query_wait_timeout = 120
                logfile =
                ignore_startup_parameters = extra_float_digits
                """.formatted(DATABASE, sandbox.haproxy().writePort(), port, dir.resolve("userlist.txt"), ADMIN));
        for (Path f : List.of(dir.resolve("userlist.txt"), dir.resolve("pgbouncer.ini"))) {
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            new ProcessBuilder("chown", "-R", sandbox.runAsUser(), dir.toString()).inheritIO().start().waitFor();
        }
        List<String> command = root
                ? List.of("setpriv", "--reuid=" + sandbox.runAsUser(), "--regid=" + sandbox.runAsUser(),
                "--init-groups", "--", "/usr/sbin/pgbouncer", dir.resolve("pgbouncer.ini").toString())
                : List.of("/usr/sbin/pgbouncer", dir.resolve("pgbouncer.ini").toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("pgbouncer.log").toFile()).start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                break;
            } catch (IOException e) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    p.destroy();
                    throw new IllegalStateException("PgBouncer did not start: "
                            + Files.readString(dir.resolve("pgbouncer.log")));
                }
                Thread.sleep(50);
            }
        }
        return new TestPgBouncer(p, port, admin, app, appPassword);
    }

    int port() {
        return port;
    }

    String appUser() {
        return appUser;
    }

    String appPassword() {
        return appPassword;
    }

    PgBouncerAddress address() {
        return new PgBouncerAddress("127.0.0.1", port, ADMIN);
    }

    /** The admin console with its password. */
    PgBouncerConnector console() {
        PgBouncerAddress a = address();
        return new PgBouncerConnector() {
            @Override
            public PgBouncerAddress address() {
                return a;
            }

            @Override
            public PgBouncerAdmin open() throws TrafficSourceException {
                return PgBouncerAdmin.open(a, () -> Optional.of(adminPassword.toCharArray()),
                        java.time.Duration.ofSeconds(5));
            }
        };
    }

    /** A console as a user PgBouncer does not know. */
    PgBouncerConnector strangerConsole() {
        PgBouncerAddress a = new PgBouncerAddress("127.0.0.1", port, "nobody_here");
        return new PgBouncerConnector() {
            @Override
            public PgBouncerAddress address() {
                return a;
            }

            @Override
            public PgBouncerAdmin open() throws TrafficSourceException {
                return PgBouncerAdmin.open(a, () -> Optional.of("wrong".toCharArray()),
                        java.time.Duration.ofSeconds(5));
            }
        };
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
