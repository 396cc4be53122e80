package io.pilothouse.services.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What each config writer renders for a fixed plan; no process involved. */
class ConfigWritersTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Path DIR = Path.of("/tmp/it's a sandbox");
    private static final SandboxSpec SPEC = SandboxSpec.defaults(DIR).withHaproxy(true);
    private static final List<Integer> PORTS = List.of(2379, 2380, 8001, 5431, 8002, 5432, 8003, 5433, 5000, 5001,
            7000);
    private static final SandboxPlan PLAN = SandboxPlan.of(SPEC, new SandboxLayout(DIR), PORTS);
    private static final Credentials CREDENTIALS = new Credentials("su-pw", "repl-pw", "mon-pw", "app-pw");

    @Test
    void patroniConfigCarriesScopeEtcdPortsAndTheBootstrapSettings() throws Exception {
        JsonNode config = YAML.readTree(SandboxYaml.render(
                PatroniConfigWriter.config(PLAN, PLAN.members().get(1), CREDENTIALS, Binaries.debian())));

        assertThat(config.path("scope").asText()).isEqualTo("demo");
        assertThat(config.path("namespace").asText()).isEqualTo("/service/");
        assertThat(config.path("name").asText()).isEqualTo("node2");
        assertThat(config.path("etcd3").path("hosts").asText()).isEqualTo("127.0.0.1:2379");
        assertThat(config.path("restapi").path("listen").asText()).isEqualTo("127.0.0.1:8002");
        JsonNode dcs = config.path("bootstrap").path("dcs");
        assertThat(dcs.path("ttl").asInt()).isEqualTo(20);
        assertThat(dcs.path("loop_wait").asInt()).isEqualTo(2);
        assertThat(dcs.path("retry_timeout").asInt()).isEqualTo(5);
        assertThat(dcs.path("maximum_lag_on_failover").asInt()).isEqualTo(1048576);
        assertThat(dcs.path("postgresql").path("use_pg_rewind").asBoolean()).isTrue();
        assertThat(dcs.path("postgresql").path("use_slots").asBoolean()).isTrue();
        JsonNode parameters = dcs.path("postgresql").path("parameters");
        assertThat(parameters.path("max_prepared_transactions").asInt()).isEqualTo(20);
        assertThat(parameters.path("wal_level").asText()).isEqualTo("logical");
        // Unquoted, YAML 1.1 would read "on" as a boolean.
        assertThat(parameters.path("hot_standby").isTextual()).isTrue();
        assertThat(parameters.path("wal_keep_size").asText()).isEqualTo("128MB");
        assertThat(config.path("bootstrap").path("initdb").toString()).contains("data-checksums", "UTF8");
        JsonNode postgresql = config.path("postgresql");
        assertThat(postgresql.path("listen").asText()).isEqualTo("127.0.0.1:5432");
        assertThat(postgresql.path("data_dir").asText()).isEqualTo(DIR + "/node2/data");
        assertThat(postgresql.path("bin_dir").asText()).isEqualTo("/usr/lib/postgresql/15/bin");
        assertThat(postgresql.path("parameters").path("unix_socket_directories").asText()).isEqualTo(DIR + "/node2");
        assertThat(postgresql.path("pg_hba")).extracting(JsonNode::asText).containsExactly(
                "local all all trust", "local replication all trust",
                "host all all 127.0.0.1/32 scram-sha-256", "host replication all 127.0.0.1/32 scram-sha-256");
        assertThat(postgresql.path("authentication").path("replication").path("username").asText())
                .isEqualTo("replicator");
    }

    private static JsonNode dcsWith(SandboxSync sync) throws Exception {
        SandboxPlan plan = SandboxPlan.of(SPEC.withSync(sync), new SandboxLayout(DIR), PORTS);
        return YAML.readTree(SandboxYaml.render(PatroniConfigWriter.config(plan, plan.members().get(0), CREDENTIALS,
                Binaries.debian()))).path("bootstrap").path("dcs");
    }

    @Test
    void syncOptionsBecomePatronisBootstrapDcsSettings() throws Exception {
        JsonNode quorum = dcsWith(SandboxSync.parse("quorum", 2));
        assertThat(quorum.path("synchronous_mode").isTextual()).isTrue();
        assertThat(quorum.path("synchronous_mode").asText()).isEqualTo("quorum");
        assertThat(quorum.path("synchronous_node_count").asInt()).isEqualTo(2);
        assertThat(quorum.path("synchronous_mode_strict").asBoolean()).isFalse();

        JsonNode strict = dcsWith(SandboxSync.parse("strict", null));
        assertThat(strict.path("synchronous_mode").isBoolean()).isTrue();
        assertThat(strict.path("synchronous_mode").asBoolean()).isTrue();
        assertThat(strict.path("synchronous_mode_strict").asBoolean()).isTrue();
        assertThat(strict.path("synchronous_node_count").asInt()).isEqualTo(1);

        assertThat(dcsWith(SandboxSync.OFF).has("synchronous_mode")).isFalse();
    }

    @Test
    void postBootstrapCommandSurvivesShlexSplittingOfAPathWithAQuote() throws Exception {
        JsonNode config = YAML.readTree(SandboxYaml.render(
                PatroniConfigWriter.config(PLAN, PLAN.members().get(0), CREDENTIALS, Binaries.debian())));

        assertThat(config.path("bootstrap").path("post_bootstrap").asText()).isEqualTo(
                "'/usr/bin/python3' '/tmp/it'\"'\"'s a sandbox/post_bootstrap.py'"
                        + " '/tmp/it'\"'\"'s a sandbox/node1/patroni.yml'");
        JsonNode roles = config.path(PatroniConfigWriter.SANDBOX_SECTION).path("post_bootstrap").path("roles");
        assertThat(roles.get(0).path("name").asText()).isEqualTo("pilothouse_monitor");
        assertThat(roles.get(0).path("member_of").get(0).asText()).isEqualTo("pg_monitor");
        assertThat(roles.get(1).path("name").asText()).isEqualTo("app");
    }

    @Test
    void etcdConfigListensOnLoopbackOnlyWithTheGrpcGatewayOn() throws Exception {
        JsonNode config = YAML.readTree(EtcdConfigWriter.render(PLAN));

        assertThat(config.path("listen-client-urls").asText()).isEqualTo("http://127.0.0.1:2379");
        assertThat(config.path("advertise-client-urls").asText()).isEqualTo("http://127.0.0.1:2379");
        assertThat(config.path("listen-peer-urls").asText()).isEqualTo("http://127.0.0.1:2380");
        assertThat(config.path("data-dir").asText()).isEqualTo(DIR + "/etcd");
        assertThat(config.path("enable-grpc-gateway").asBoolean()).isTrue();
    }

    @Test
    void haproxyChecksPatroniRestPortsForPrimaryAndReplicas() {
        String cfg = HaproxyConfigWriter.render(PLAN);

        assertThat(cfg).contains(
                "listen primary\n    bind 127.0.0.1:5000\n    balance roundrobin\n    option httpchk GET /primary\n",
                "listen replicas\n    bind 127.0.0.1:5001\n    balance roundrobin\n    option httpchk GET /replica\n",
                "server node2 127.0.0.1:5432 check port 8002",
                "bind 127.0.0.1:7000", "stats uri /stats");
    }

    @Test
    void pgpassHasOneLinePerPortAndRoleAndEscapesColons() {
        String pgpass = PgPassWriter.render("127.0.0.1", List.of(5431, 5432),
                new Credentials("a:b", "c\\d", "mon", "app"));

        assertThat(pgpass.lines()).hasSize(8).contains(
                "127.0.0.1:5431:*:postgres:a\\:b",
                "127.0.0.1:5432:*:replicator:c\\\\d",
                "127.0.0.1:5432:*:pilothouse_monitor:mon",
                "127.0.0.1:5431:*:app:app");
        assertThat(SandboxConnections.fields("127.0.0.1:5431:*:postgres:a\\:b")).containsExactly(
                "127.0.0.1", "5431", "*", "postgres", "a:b");
    }

    @Test
    void credentialsNeverPrintTheirPasswords() {
        Credentials generated = Credentials.generate(new java.security.SecureRandom());

        assertThat(generated.toString()).doesNotContain(generated.superuserPassword(), generated.monitorPassword());
        assertThat(generated.monitorPassword()).hasSize(24).matches("[A-Za-z0-9]+");
        assertThat(generated.byRole()).containsOnlyKeys("postgres", "replicator", "pilothouse_monitor", "app");
    }

    @Test
    void workspaceUsesTheAppsKeys() throws Exception {
        SandboxInfo info = new SandboxInfo(DIR, "demo", "/service/", "http://127.0.0.1:2379", 1,
                List.of(new SandboxInfo.Member("node1", "http://127.0.0.1:8001", "127.0.0.1", 5431,
                        DIR.resolve("node1/data"), 2, 3)),
                null, DIR.resolve("pgpass"), "postgres", "pilothouse_monitor", "app", DIR.resolve("workspace.yaml"),
                "postgres", "2026-01-01T00:00:00Z");

        String yaml = WorkspaceWriter.render(info);

        assertThat(yaml).startsWith("# Pilothouse workspace");
        assertThat(yaml).contains("name: sandbox-demo\nreadOnly: false\nsources:\n  - name: demo\n    etcd:\n");
        JsonNode source = YAML.readTree(yaml).path("sources").get(0);
        assertThat(source.path("etcd").path("endpoints").get(0).asText()).isEqualTo("http://127.0.0.1:2379");
        assertThat(source.path("patroni").get(0).asText()).isEqualTo("http://127.0.0.1:8001");
        assertThat(source.path("postgres").path("passfile").asText()).isEqualTo(DIR + "/pgpass");
    }

    @Test
    void workspaceNamesTheTwoPhaseWorkloadsDecisionLogSoTheAdviceIsNotDecide() throws Exception {
        SandboxInfo info = new SandboxInfo(DIR, "demo", "/service/", "http://127.0.0.1:2379", 1,
                List.of(new SandboxInfo.Member("node1", "http://127.0.0.1:8001", "127.0.0.1", 5431,
                        DIR.resolve("node1/data"), 2, 3)),
                null, DIR.resolve("pgpass"), "postgres", "pilothouse_monitor", "app", DIR.resolve("workspace.yaml"),
                "postgres", "2026-01-01T00:00:00Z");

        java.nio.file.Path file = java.nio.file.Files.createTempFile("opsreg-ws", ".yaml");
        try {
            String yaml = WorkspaceWriter.render(info);
            // The in-doubt end-to-end tests add minAgeSeconds under this exact key.
            assertThat(yaml).contains("indoubt:\n  decision:\n    source: demo\n");
            java.nio.file.Files.writeString(file, yaml);
            io.pilothouse.services.workspace.IndoubtConfig.DecisionConfig decision =
                    new io.pilothouse.services.workspace.WorkspaceLoader().load(file).indoubtOrDefaults().decision();
            assertThat(decision).isNotNull();
            assertThat(decision.source()).isEqualTo("demo");
            assertThat(decision.database()).isEqualTo("postgres");
            assertThat(decision.query()).isEqualTo("SELECT committed FROM tx_decisions WHERE global_id = $1");
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }
}
