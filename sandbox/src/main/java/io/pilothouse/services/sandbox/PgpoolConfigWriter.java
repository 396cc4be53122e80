package io.pilothouse.services.sandbox;

import io.pilothouse.services.sandbox.SandboxPlan.MemberPlan;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;

/**
 * Writes Pgpool-II's files under {@code DIR/pgpool}: {@code pgpool.conf} (streaming-replication mode over every
 * member, load balancing, health and replication checks every 2 s as the monitoring role, no failover command: Patroni
 * decides who leads, Pgpool only follows; detached standbys come back by themselves), {@code pool_hba.conf} (SCRAM on
 * loopback), {@code pool_passwd} (clear-text {@code TEXT} entries, owner-only) and {@code pcp.conf} (the PCP user,
 * md5). Sockets, pid and status files stay in that directory, never the Debian service's.
 */
final class PgpoolConfigWriter {

    /** Children (one client each); a sandbox needs few. Each may keep {@link #MAX_POOL} connections per backend. */
    static final int CHILDREN = 8;
    static final int MAX_POOL = 2;
    static final int CHECK_PERIOD_SECONDS = 2;

    private PgpoolConfigWriter() {}

    static void write(SandboxPlan plan, Credentials credentials, PoolerCredentials admins, SandboxUser user) {
        SandboxLayout layout = plan.layout();
        user.own(PrivateFiles.directory(layout.pgpoolDir(), PrivateFiles.PRIVATE_DIR));
        PrivateFiles.write(layout.pgpoolConfig(), render(plan), PrivateFiles.WORLD_READABLE);
        PrivateFiles.write(layout.poolHbaConfig(), poolHba(), PrivateFiles.WORLD_READABLE);
        PrivateFiles.write(layout.poolPasswd(), poolPasswd(credentials), PrivateFiles.OWNER_ONLY);
        user.own(layout.poolPasswd());
        PrivateFiles.write(layout.pcpConfig(), pcpConf(admins), PrivateFiles.OWNER_ONLY);
        user.own(layout.pcpConfig());
    }

    static String render(SandboxPlan plan) {
        SandboxLayout layout = plan.layout();
        String dir = layout.pgpoolDir().toString();
        StringBuilder cfg = new StringBuilder();
        cfg.append("# Written by the Pilothouse sandbox launcher. Runs in the foreground (-n), unprivileged.\n");
        settings(cfg, List.of(
                Map.entry("backend_clustering_mode", quoted("streaming_replication")),
                Map.entry("listen_addresses", quoted(SandboxPlan.HOST)),
                Map.entry("port", Integer.toString(plan.poolers().pgpoolPort())),
                Map.entry("unix_socket_directories", quoted(dir)),
                Map.entry("pcp_listen_addresses", quoted(SandboxPlan.HOST)),
                Map.entry("pcp_port", Integer.toString(plan.poolers().pcpPort())),
                Map.entry("pcp_socket_dir", quoted(dir)),
                Map.entry("wd_ipc_socket_dir", quoted(dir)),
                Map.entry("pid_file_name", quoted(dir + "/pgpool.pid")),
                Map.entry("logdir", quoted(dir)),
                Map.entry("memqcache_oiddir", quoted(dir + "/oiddir")),
                Map.entry("log_destination", quoted("stderr")),
                Map.entry("num_init_children", Integer.toString(CHILDREN)),
                Map.entry("max_pool", Integer.toString(MAX_POOL)),
                Map.entry("reserved_connections", "0"),
                Map.entry("enable_pool_hba", "on"),
                Map.entry("pool_passwd", quoted(layout.poolPasswd().toString())),
                Map.entry("load_balance_mode", "on"),
                Map.entry("sr_check_period", Integer.toString(CHECK_PERIOD_SECONDS)),
                Map.entry("sr_check_user", quoted(Credentials.MONITOR)),
                Map.entry("sr_check_password", quoted("")),
                Map.entry("sr_check_database", quoted("postgres")),
                Map.entry("health_check_period", Integer.toString(CHECK_PERIOD_SECONDS)),
                Map.entry("health_check_timeout", "5"),
                Map.entry("health_check_user", quoted(Credentials.MONITOR)),
                Map.entry("health_check_password", quoted("")),
                Map.entry("health_check_database", quoted("postgres")),
                Map.entry("health_check_max_retries", "2"),
                Map.entry("health_check_retry_delay", "1"),
                Map.entry("connect_timeout", "3000"),
                Map.entry("failover_command", quoted("")),
                Map.entry("failback_command", quoted("")),
                Map.entry("follow_primary_command", quoted("")),
                Map.entry("failover_on_backend_error", "off"),
                // A switchover demotes the old primary in a second or two, often between two health checks: without
                // this, Pgpool keeps sending writes to it (now a standby) for good. With it, the streaming check sees
                // the false primary, detaches it and finds the new one; auto_failback brings it back as a standby.
                Map.entry("detach_false_primary", "on"),
                Map.entry("auto_failback", "on"),
                Map.entry("auto_failback_interval", "5"),
                Map.entry("use_watchdog", "off")));
        List<MemberPlan> members = plan.members();
        for (int i = 0; i < members.size(); i++) {
            MemberPlan m = members.get(i);
            settings(cfg, List.of(
                    Map.entry("backend_hostname" + i, quoted(SandboxPlan.HOST)),
                    Map.entry("backend_port" + i, Integer.toString(m.pgPort())),
                    Map.entry("backend_weight" + i, "1"),
                    Map.entry("backend_data_directory" + i, quoted(layout.dataDir(m.name()).toString())),
                    Map.entry("backend_flag" + i, quoted("ALLOW_TO_FAILOVER")),
                    Map.entry("backend_application_name" + i, quoted(m.name()))));
        }
        return cfg.toString();
    }

    static String poolHba() {
        return """
                # Written by the Pilothouse sandbox launcher.
                local all all scram-sha-256
                host all all 127.0.0.1/32 scram-sha-256
                """;
    }

    /** Pgpool logs in to every backend with these; {@code TEXT} marks a clear-text password. */
    static String poolPasswd(Credentials credentials) {
        StringBuilder out = new StringBuilder();
        credentials.byRole().forEach((role, password) -> out.append(role).append(":TEXT").append(password)
                .append('\n'));
        return out.toString();
    }

    /** {@code user:md5(password)}, as {@code pg_md5} prints it. */
    static String pcpConf(PoolerCredentials admins) {
        return PoolerCredentials.PCP_ADMIN + ":" + md5Hex(admins.pcpPassword()) + "\n";
    }

    static String md5Hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
            return String.format("%032x", new BigInteger(1, digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is missing from this JVM", e);
        }
    }

    private static void settings(StringBuilder cfg, List<Map.Entry<String, String>> entries) {
        entries.forEach(e -> cfg.append(e.getKey()).append(" = ").append(e.getValue()).append('\n'));
    }

    /** Every value written is a fixed word, a path of the sandbox or a member name: no quote inside. */
    private static String quoted(String value) {
        return "'" + value + "'";
    }
}
