package io.pilothouse.services.sandbox;

import io.pilothouse.services.sandbox.SandboxPlan.HaproxyPlan;
import io.pilothouse.services.sandbox.SandboxPlan.MemberPlan;

/**
 * Writes {@code DIR/haproxy.cfg}: a write port routed by Patroni's {@code GET /primary}, a read
 * port balanced by {@code GET /replica}, and a stats page. HAProxy's format has no escaping, but
 * everything written here is a fixed word, a member name or a number.
 */
final class HaproxyConfigWriter {

    static final String WRITE_PROXY = "primary";
    static final String READ_PROXY = "replicas";
    static final String STATS_URI = "/stats";
    /** The runtime API's socket, admin level (drain / maint / ready), in the sandbox dir: only its user may use it. */
    static final String ADMIN_SOCKET = "haproxy.sock";
    /**
     * A second runtime API socket at {@code level user}: it reads ({@code show stat}, {@code show info}) but every
     * command that changes a server is refused, for least-privilege set-ups and the tests that show it.
     */
    static final String USER_SOCKET = "haproxy-user.sock";

    private HaproxyConfigWriter() {}

    static void write(SandboxPlan plan) {
        PrivateFiles.write(plan.layout().haproxyConfig(), render(plan), PrivateFiles.WORLD_READABLE);
    }

    static String render(SandboxPlan plan) {
        HaproxyPlan ports = plan.haproxy();
        StringBuilder cfg = new StringBuilder();
        cfg.append("""
                # Written by the Pilothouse sandbox launcher. Runs in the foreground (-db), unprivileged.
                global
                    maxconn 256
                    log stdout format raw local0 info
                    stats socket %4$s mode 600 level admin
                    stats socket %5$s mode 600 level user

                defaults
                    mode tcp
                    log global
                    retries 2
                    timeout connect 2s
                    timeout client 30m
                    timeout server 30m
                    timeout check 2s
                    # Checks every second, so a switchover shows within about two seconds; a demoted
                    # primary's sessions are cut instead of lingering on a read-only server.
                    default-server inter 1s fastinter 500ms downinter 1s rise 1 fall 2 on-marked-down shutdown-sessions

                listen stats
                    mode http
                    bind %1$s:%2$d
                    stats enable
                    stats uri %3$s
                    stats refresh 5s
                    # Adds each server's addr to the CSV: the traffic view joins a backend line to a member by it.
                    stats show-legends

                """.formatted(SandboxPlan.HOST, ports.statsPort(), STATS_URI,
                plan.layout().dir().toAbsolutePath().resolve(ADMIN_SOCKET),
                plan.layout().dir().toAbsolutePath().resolve(USER_SOCKET)));
        appendProxy(cfg, WRITE_PROXY, ports.writePort(), "/primary", plan);
        cfg.append('\n');
        appendProxy(cfg, READ_PROXY, ports.readPort(), "/replica", plan);
        return cfg.toString();
    }

    private static void appendProxy(StringBuilder cfg, String name, int port, String check, SandboxPlan plan) {
        cfg.append("listen ").append(name).append('\n')
                .append("    bind ").append(SandboxPlan.HOST).append(':').append(port).append('\n')
                .append("    balance roundrobin\n")
                .append("    option httpchk GET ").append(check).append('\n')
                // Matching the body makes HAProxy read the whole answer before it closes the
                // connection; on the status alone it resets it mid-write, and Patroni logs a
                // traceback for every check (about one a second per member).
                .append("    http-check expect string \"state\"\n")
                .append("    http-check expect status 200\n");
        for (MemberPlan member : plan.members()) {
            cfg.append("    server ").append(member.name()).append(' ')
                    .append(SandboxPlan.HOST).append(':').append(member.pgPort())
                    .append(" check port ").append(member.restPort()).append('\n');
        }
    }
}
