package io.pilothouse.services.sandbox;

import java.util.Map;

/**
 * Writes PgBouncer's {@code pgbouncer.ini} and {@code userlist.txt} under {@code DIR/pgbouncer}: databases
 * {@code postgres} and {@code app} on HAProxy's write port (so PgBouncer follows the leader through a switchover),
 * transaction pooling, SCRAM for clients, an admin user and the monitoring role as stats user. Its own pid file and
 * no unix socket, so it never meets the Debian service's files.
 */
final class PgbouncerConfigWriter {

    /** Small: a sandbox has a handful of clients; enough for the switchover benchmark's writers. */
    static final int POOL_SIZE = 10;

    private PgbouncerConfigWriter() {}

    static void write(SandboxPlan plan, Credentials credentials, PoolerCredentials admins, SandboxUser user) {
        SandboxLayout layout = plan.layout();
        user.own(PrivateFiles.directory(layout.pgbouncerDir(), PrivateFiles.PRIVATE_DIR));
        PrivateFiles.write(layout.pgbouncerConfig(), render(plan), PrivateFiles.WORLD_READABLE);
        PrivateFiles.write(layout.pgbouncerAuthFile(), authFile(credentials, admins), PrivateFiles.OWNER_ONLY);
        user.own(layout.pgbouncerAuthFile());
    }

    static String render(SandboxPlan plan) {
        SandboxLayout layout = plan.layout();
        int write = plan.haproxy().writePort();
        return """
                ; Written by the Pilothouse sandbox launcher. Runs in the foreground, unprivileged.
                [databases]
                postgres = host=%1$s port=%2$d dbname=postgres
                app = host=%1$s port=%2$d dbname=app

                [pgbouncer]
                listen_addr = %1$s
                listen_port = %3$d
                unix_socket_dir =
                pidfile = %4$s
                auth_type = scram-sha-256
                auth_file = %5$s
                admin_users = %6$s
                stats_users = %7$s
                pool_mode = transaction
                max_client_conn = 200
                default_pool_size = %8$d
                ignore_startup_parameters = extra_float_digits,options
                server_login_retry = 1
                server_connect_timeout = 3
                log_connections = 0
                log_disconnections = 0
                """.formatted(SandboxPlan.HOST, write, plan.poolers().pgbouncerPort(), layout.pgbouncerPidFile(),
                layout.pgbouncerAuthFile(), PoolerCredentials.PGBOUNCER_ADMIN, Credentials.MONITOR, POOL_SIZE);
    }

    /** Clear-text passwords: PgBouncer needs them to log in to the server with SCRAM on the client's behalf. */
    static String authFile(Credentials credentials, PoolerCredentials admins) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> role : credentials.byRole().entrySet()) {
            out.append(quoted(role.getKey())).append(' ').append(quoted(role.getValue())).append('\n');
        }
        out.append(quoted(PoolerCredentials.PGBOUNCER_ADMIN)).append(' ')
                .append(quoted(admins.pgbouncerAdminPassword())).append('\n');
        return out.toString();
    }

    /** Names and passwords are letters, digits and '_': nothing to escape inside the double quotes. */
    private static String quoted(String value) {
        return '"' + value + '"';
    }
}
