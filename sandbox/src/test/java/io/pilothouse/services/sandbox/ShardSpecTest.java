package io.pilothouse.services.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Shards in the spec, the plan and the workspace, without starting anything. */
class ShardSpecTest {

    private static final Path DIR = Path.of("/tmp/ph-shards");

    @Test
    void shardsDefaultToNoneAndAreBounded() {
        assertThat(SandboxSpec.defaults(DIR).shards()).isZero();
        assertThat(SandboxSpec.defaults(DIR).withShards(4).withMembers(2).shards()).isEqualTo(4);
        assertThatThrownBy(() -> SandboxSpec.defaults(DIR).withShards(5)).hasMessageContaining("between 0 and 4");
        assertThatThrownBy(() -> SandboxSpec.defaults(DIR).withShards(-1)).hasMessageContaining("between 0 and 4");
        assertThatThrownBy(() -> SandboxSpec.defaults(DIR).withScope("shard1").withShards(1))
                .hasMessageContaining("taken by the shards");
        assertThat(SandboxSpec.defaults(DIR).shardName(0)).isEqualTo("shard1");
    }

    @Test
    void planGivesEachShardTheLastPortsInOrder() {
        SandboxSpec spec = SandboxSpec.defaults(DIR).withMembers(2).withHaproxy(true).withShards(2);
        int needed = SandboxPlan.portsNeeded(spec);
        assertThat(needed).isEqualTo(2 + 4 + 3 + 2);

        SandboxPlan plan = SandboxPlan.of(spec, new SandboxLayout(DIR),
                IntStream.range(0, needed).mapToObj(i -> 7000 + i).toList());

        assertThat(plan.haproxy().statsPort()).isEqualTo(7008);
        assertThat(plan.shards()).extracting(SandboxInfo.Shard::name, SandboxInfo.Shard::pgPort)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("shard1", 7009),
                        org.assertj.core.groups.Tuple.tuple("shard2", 7010));
        assertThat(plan.shards().get(0).dataDir()).isEqualTo(DIR.resolve("shard1/data"));
    }

    @Test
    void workspaceHasOnePlainSourcePerShard() throws Exception {
        SandboxInfo info = new SandboxInfo(DIR, "demo", "/service/", "http://127.0.0.1:2379", 1,
                List.of(new SandboxInfo.Member("node1", "http://127.0.0.1:8001", "127.0.0.1", 5431,
                        DIR.resolve("node1/data"), 2, 3)),
                null, DIR.resolve("pgpass"), "postgres", "pilothouse_monitor", "app", DIR.resolve("workspace.yaml"),
                "postgres", "2026-01-01T00:00:00Z",
                List.of(new SandboxInfo.Shard("shard1", "127.0.0.1", 5441, DIR.resolve("shard1/data"), 4)));

        JsonNode sources = new YAMLMapper().readTree(WorkspaceWriter.render(info)).path("sources");

        assertThat(sources).hasSize(2);
        JsonNode shard = sources.get(1);
        assertThat(shard.path("name").asText()).isEqualTo("shard1");
        assertThat(shard.path("nodes").get(0).asText()).isEqualTo("127.0.0.1:5441");
        assertThat(shard.path("postgres").path("user").asText()).isEqualTo("pilothouse_monitor");
        assertThat(shard.path("postgres").path("passfile").asText()).isEqualTo(DIR + "/pgpass");
    }
}
