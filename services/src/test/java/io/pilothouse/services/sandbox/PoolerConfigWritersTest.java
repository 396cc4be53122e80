package io.pilothouse.services.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilothouse.services.workspace.TrafficConfig;
import io.pilothouse.services.workspace.WorkspaceLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code --poolers} plans and writes (PgBouncer, Pgpool-II, pgpass, workspace keys); no process involved. */
class PoolerConfigWritersTest {

    private static final Path DIR = Path.of("/tmp/pooler sandbox");
    private static final SandboxSpec SPEC = SandboxSpec.defaults(DIR).withPoolers(true);
    private static final List<Integer> PORTS = List.of(2379, 2380, 8001, 5431, 8002, 5432, 8003, 5433, 5000, 5001,
            7000, 6432, 9999, 9898);
    private static final SandboxPlan PLAN = SandboxPlan.of(SPEC, new SandboxLayout(DIR), PORTS);
    private static final Credentials CREDENTIALS = new Credentials("su-pw", "repl-pw", "mon-pw", "app-pw");
    private static final PoolerCredentials ADMINS = new PoolerCredentials("bouncer-pw", "pcp-pw");

    @Test
    void poolersImplyHaproxyTakeThreeMorePortsAndRefuseAPlainSandbox() {
        assertThat(SPEC.haproxy()).isTrue();
        assertThat(SandboxPlan.portsNeeded(SPEC)).isEqualTo(14);
        assertThat(PLAN.haproxy()).isEqualTo(new SandboxPlan.HaproxyPlan(5000, 5001, 7000));
        assertThat(PLAN.poolers()).isEqualTo(new SandboxPlan.PoolerPlan(6432, 9999, 9898));
        assertThat(SandboxPlan.of(SandboxSpec.defaults(DIR), new SandboxLayout(DIR), PORTS.subList(0, 8)).poolers())
                .isNull();
        assertThatThrownBy(() -> SPEC.withPlain(true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("drop --plain or --poolers");
    }

    @Test
    void pgbouncerFollowsHaproxysWritePortWithItsOwnPidFileAndNoSocket() {
        String ini = PgbouncerConfigWriter.render(PLAN);

        assertThat(ini).contains("postgres = host=127.0.0.1 port=5000 dbname=postgres",
                "app = host=127.0.0.1 port=5000 dbname=app", "listen_port = 6432", "unix_socket_dir =\n",
                "pidfile = " + DIR + "/pgbouncer/pgbouncer.pid", "admin_users = pgbouncer_admin",
                "stats_users = pilothouse_monitor", "pool_mode = transaction", "auth_type = scram-sha-256");
        assertThat(PgbouncerConfigWriter.authFile(CREDENTIALS, ADMINS))
                .contains("\"app\" \"app-pw\"\n", "\"pgbouncer_admin\" \"bouncer-pw\"\n");
    }

    @Test
    void pgpoolRunsStreamingReplicationOverEveryMemberWithHealthChecksAndNoFailoverOfItsOwn() {
        String conf = PgpoolConfigWriter.render(PLAN);

        assertThat(conf).contains("backend_clustering_mode = 'streaming_replication'", "port = 9999",
                "pcp_port = 9898", "health_check_period = 2", "health_check_user = 'pilothouse_monitor'",
                "failover_command = ''", "use_watchdog = off", "unix_socket_directories = '" + DIR + "/pgpool'",
                "pid_file_name = '" + DIR + "/pgpool/pgpool.pid'", "backend_port0 = 5431", "backend_port2 = 5433",
                "backend_application_name1 = 'node2'");
        assertThat(conf).doesNotContain("backend_port3");
        assertThat(PgpoolConfigWriter.poolPasswd(CREDENTIALS)).contains("pilothouse_monitor:TEXTmon-pw\n");
        // pg_md5 pcp-pw
        assertThat(PgpoolConfigWriter.pcpConf(ADMINS)).isEqualTo("pcp_admin:"
                + PgpoolConfigWriter.md5Hex("pcp-pw") + "\n");
        assertThat(PgpoolConfigWriter.md5Hex("")).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
    }

    @Test
    void pgpassHoldsTheAdminPasswordsAndToStringHidesThem() {
        String lines = PgPassWriter.poolerAdmins("127.0.0.1", PLAN.poolers(), ADMINS);

        assertThat(lines).isEqualTo("127.0.0.1:6432:pgbouncer:pgbouncer_admin:bouncer-pw\n"
                + "127.0.0.1:9898:*:pcp_admin:pcp-pw\n");
        assertThat(ADMINS.toString()).doesNotContain("bouncer-pw", "pcp-pw");
    }

    @Test
    void workspaceGetsTrafficKeysWithoutPasswordsAndTheAppLoadsThem() throws Exception {
        SandboxInfo info = new SandboxInfo(DIR, "demo", "/service/", "http://127.0.0.1:2379", 1,
                List.of(new SandboxInfo.Member("node1", "http://127.0.0.1:8001", "127.0.0.1", 5431,
                        DIR.resolve("node1/data"), 2, 3)),
                new SandboxInfo.Haproxy(5000, 5001, 7000, 4), DIR.resolve("pgpass"), "postgres",
                "pilothouse_monitor", "app", DIR.resolve("workspace.yaml"), "postgres", "2026-01-01T00:00:00Z",
                List.of(), null, new SandboxInfo.Pgbouncer(6432, "pgbouncer_admin", 5),
                new SandboxInfo.Pgpool(9999, 9898, "pcp_admin", 6));

        String yaml = WorkspaceWriter.render(info);

        assertThat(yaml).doesNotContain("bouncer-pw", "pcp-pw", "mon-pw");
        Path file = Files.createTempFile("traffic-ws", ".yaml");
        try {
            Files.writeString(file, yaml);
            TrafficConfig traffic = new WorkspaceLoader().load(file).sources().get(0).traffic();
            assertThat(traffic.haproxy().stats()).isEqualTo("http://127.0.0.1:7000/stats;csv");
            assertThat(traffic.haproxy().socket()).isEqualTo(DIR.toAbsolutePath().resolve("haproxy.sock").toString());
            assertThat(traffic.pgbouncer()).isEqualTo(new TrafficConfig.Pgbouncer("127.0.0.1:6432",
                    "pgbouncer_admin"));
            assertThat(traffic.pgpool()).isEqualTo(new TrafficConfig.Pgpool("127.0.0.1:9999", 9898, "pcp_admin"));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void aBadTrafficAddressIsAProblemNamingTheField() throws Exception {
        Path file = Files.createTempFile("traffic-ws", ".yaml");
        try {
            Files.writeString(file, """
                    name: t
                    sources:
                      - name: demo
                        patroni: ["http://127.0.0.1:8008"]
                        traffic:
                          haproxy: {stats: "ftp://x"}
                          pgbouncer: {address: "127.0.0.1:99999", user: admin}
                    """);
            assertThatThrownBy(() -> new WorkspaceLoader().load(file))
                    .hasMessageContaining("traffic.haproxy.stats").hasMessageContaining("traffic.pgbouncer.address");
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
