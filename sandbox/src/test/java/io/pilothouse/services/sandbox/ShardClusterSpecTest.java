package io.pilothouse.services.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shards as Patroni clusters ({@code --shard-members M}) in the spec, the plan, the configs and the files. */
class ShardClusterSpecTest {

    private static final Path DIR = Path.of("/tmp/ph-shard-clusters");
    private static final Credentials CREDENTIALS = new Credentials("su-pw", "repl-pw", "mon-pw", "app-pw");

    @Test
    void shardMembersDefaultToOneAndAreBounded() {
        SandboxSpec spec = SandboxSpec.defaults(DIR).withShards(2);
        assertThat(spec.shardMembers()).isEqualTo(1);
        assertThat(spec.patroniShards()).isFalse();
        assertThat(spec.withShardMembers(3).patroniShards()).isTrue();
        assertThatThrownBy(() -> spec.withShardMembers(0)).hasMessageContaining("between 1 and 3");
        assertThatThrownBy(() -> spec.withShardMembers(4)).hasMessageContaining("between 1 and 3");
        assertThatThrownBy(() -> spec.withShardMembers(2).withPlain(true)).hasMessageContaining("Patroni");
        assertThat(spec.shardMemberName(1, 0)).isEqualTo("shard2-node1");
    }

    @Test
    void oneMemberPerShardPlansExactlyAsBefore() {
        SandboxSpec spec = SandboxSpec.defaults(DIR).withMembers(1).withShards(2).withShardMembers(1);
        assertThat(SandboxPlan.portsNeeded(spec)).isEqualTo(2 + 2 + 2);
        SandboxPlan plan = SandboxPlan.of(spec, new SandboxLayout(DIR), ports(6));
        assertThat(plan.shardMembers()).isEmpty();
        assertThat(plan.shards()).allMatch(s -> !s.patroni());
        assertThat(plan.patroniMembers()).hasSize(1);
    }

    @Test
    void eachShardClusterGetsARestAndAPostgresPortPerMemberAndItsOwnScope() throws Exception {
        SandboxSpec spec = SandboxSpec.defaults(DIR).withMembers(1).withShards(2).withShardMembers(2);
        int needed = SandboxPlan.portsNeeded(spec);
        assertThat(needed).isEqualTo(2 + 2 + 2 * 2 * 2);
        SandboxPlan plan = SandboxPlan.of(spec, new SandboxLayout(DIR), ports(needed));

        assertThat(plan.shards()).extracting(SandboxInfo.Shard::name).containsExactly("shard1", "shard2");
        SandboxInfo.Shard shard2 = plan.shards().get(1);
        assertThat(shard2.patroni()).isTrue();
        assertThat(shard2.members()).extracting(SandboxInfo.Member::name)
                .containsExactly("shard2-node1", "shard2-node2");
        assertThat(shard2.members()).extracting(SandboxInfo.Member::restUrl, SandboxInfo.Member::pgPort)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("http://127.0.0.1:7008", 7009),
                        org.assertj.core.groups.Tuple.tuple("http://127.0.0.1:7010", 7011));
        assertThat(shard2.pgPort()).isEqualTo(7009);
        assertThat(shard2.members().get(1).dataDir()).isEqualTo(DIR.resolve("shard2-node2/data"));

        SandboxPlan.MemberPlan member = plan.shardMembers().get("shard2").get(1);
        assertThat(plan.patroniMembers()).containsEntry(member, "shard2").hasSize(5);
        JsonNode config = new YAMLMapper().readTree(SandboxYaml.render(
                PatroniConfigWriter.config(plan, member, "shard2", CREDENTIALS, Binaries.debian())));
        assertThat(config.path("scope").asText()).isEqualTo("shard2");
        assertThat(config.path("namespace").asText()).isEqualTo("/service/");
        assertThat(config.path("name").asText()).isEqualTo("shard2-node2");
        assertThat(config.path("etcd3").path("hosts").asText()).isEqualTo("127.0.0.1:7000");
        JsonNode parameters = config.path("bootstrap").path("dcs").path("postgresql").path("parameters");
        assertThat(parameters.path("wal_level").asText()).isEqualTo("logical");
        assertThat(parameters.path("max_prepared_transactions").asInt()).isEqualTo(20);
        assertThat(config.path("postgresql").path("listen").asText()).isEqualTo("127.0.0.1:7011");
    }

    @Test
    void workspaceLeavesShardClustersToTheEtcdSourceAndSandboxJsonKeepsTheirMembers(@TempDir Path tmp)
            throws Exception {
        SandboxSpec spec = SandboxSpec.defaults(tmp).withMembers(1).withShards(2).withShardMembers(2);
        SandboxPlan plan = SandboxPlan.of(spec, new SandboxLayout(tmp), ports(SandboxPlan.portsNeeded(spec)));
        SandboxInfo info = new SandboxInfo(tmp, "demo", "/service/", "http://127.0.0.1:7000", 1,
                List.of(new SandboxInfo.Member("node1", "http://127.0.0.1:7002", "127.0.0.1", 7003,
                        tmp.resolve("node1/data"), 2, 3)),
                null, tmp.resolve("pgpass"), "postgres", "pilothouse_monitor", "app", tmp.resolve("workspace.yaml"),
                "postgres", "2026-01-01T00:00:00Z", plan.shards());

        JsonNode sources = new YAMLMapper().readTree(WorkspaceWriter.render(info)).path("sources");
        assertThat(sources).hasSize(1);
        assertThat(sources.get(0).path("etcd").path("namespace").asText()).isEqualTo("/service/");

        SandboxLayout layout = new SandboxLayout(tmp);
        SandboxState.write(layout, info);
        SandboxInfo read = SandboxState.require(layout);
        assertThat(read.shards()).isEqualTo(info.shards());
        assertThat(read.requireShard("shard1").requireMember("shard1-node2").pgPort()).isEqualTo(7007);
        assertThat(Files.readString(layout.stateFile())).contains("\"members\"", "shard1-node2");
    }

    private static List<Integer> ports(int n) {
        return IntStream.range(0, n).mapToObj(i -> 7000 + i).toList();
    }
}
