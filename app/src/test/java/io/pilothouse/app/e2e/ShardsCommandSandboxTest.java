package io.pilothouse.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilothouse.app.json.Json;
import io.pilothouse.services.sandbox.OwnSandbox;
import io.pilothouse.services.sandbox.SandboxConnections;
import io.pilothouse.services.sandbox.SandboxInfo;
import io.pilothouse.services.sandbox.sharding.ShardedSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code pilothouse shards} against a sandbox of its own: one Patroni member as coordinator, two shards. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("servers")
class ShardsCommandSandboxTest {

    private static OwnSandbox own;
    private static CommandRun cli;

    @BeforeAll
    static void start() {
        own = OwnSandbox.start("pilothouse-cli-shards-", s -> s.withMembers(1).withScope("clishards").withShards(2));
        new ShardedSchema(own.info()).create(5_000, line -> { });
        cli = new CommandRun("--workspace", own.info().workspaceFile().toString());
    }

    @AfterAll
    static void stop() {
        if (own != null) {
            assertThat(own.closeCleanly()).as("sandbox stopped cleanly").isTrue();
        }
    }

    @Test
    @Order(1)
    void jsonHasEveryPartitionOfOrdersOnItsNodeWithSizesRowsAndWriteRates() throws Exception {
        assertThat(cli.run("shards", "--json")).as(cli.err()).isZero();

        JsonNode maps = Json.mapper().readTree(cli.out()).get("maps");
        assertThat(maps).hasSize(1);
        JsonNode map = maps.get(0);
        assertThat(map.get("kind").asText()).isEqualTo("NATIVE_PARTITIONING");
        assertThat(map.get("problems")).isEmpty();
        List<String> reach = new ArrayList<>();
        map.get("nodes").forEach(n -> reach.add(n.get("label").asText() + " " + n.get("reach").asText()));
        assertThat(reach).containsExactly("clishards READ", "shard1 READ", "shard2 READ");

        JsonNode orders = table(map, "demo.orders");
        assertThat(orders.get("strategy").asText()).isEqualTo("hash (user_id)");
        assertThat(orders.get("problems")).isEmpty();
        assertThat(orders.get("bytesByNode")).hasSize(3);
        assertThat(orders.get("skew").asDouble()).isBetween(1.0, 1.5);
        JsonNode shards = orders.get("shards");
        assertThat(shards).hasSize(8);
        SandboxInfo.Shard shard2 = own.info().requireShard("shard2");
        JsonNode p3 = shards.get(3);
        assertThat(p3.get("name").asText()).isEqualTo("demo.orders_p3");
        assertThat(p3.get("node").asText()).isEqualTo("127.0.0.1:" + shard2.pgPort() + "/postgres");
        assertThat(p3.get("foreign").asBoolean()).isTrue();
        assertThat(p3.get("bound").get("kind").asText()).isEqualTo("hash");
        assertThat(p3.get("bound").get("modulus").asInt()).isEqualTo(8);
        assertThat(p3.get("bound").get("remainder").asInt()).isEqualTo(3);
        shards.forEach(s -> {
            assertThat(s.get("bytes").asLong()).as(s.get("name").asText()).isPositive();
            assertThat(s.get("rows").asLong()).as(s.get("name").asText()).isPositive();
            assertThat(s.get("writesPerSecond").isNumber()).as("read twice a second apart").isTrue();
            assertThat(s.get("problem").isNull()).isTrue();
        });
        assertThat(table(map, "demo.events").get("shards")).hasSize(8 - 1);
    }

    @Test
    @Order(2)
    void textPrintsARowPerShardNodeTotalsAndSkew() {
        assertThat(cli.run("shards", "--rate-seconds", "0")).as(cli.err()).isZero();

        assertThat(cli.out()).contains("demo.orders  hash (user_id)")
                .containsPattern("(?m)^  SHARD +NODE +BOUND +SIZE +ROWS +WRITES/S +PROBLEM$")
                .containsPattern("(?m)^  demo\\.orders_p2 +shard1 +2 mod 8 +[\\d.]+ [KM]iB +[\\d,]+ +-$")
                .containsPattern("per node: clishards [\\d.]+ [KM]iB, shard1 [\\d.]+ [KM]iB, shard2 [\\d.]+ [KM]iB; "
                        + "skew [\\d.]+ \\(largest / mean\\)")
                .contains("demo.events  range (happened_at)");
    }

    @Test
    @Order(3)
    void aGapInTheBoundsIsPrintedAndExitsWithFour() throws Exception {
        SandboxInfo info = own.info();
        SandboxInfo.Member m = info.members().get(0);
        try (Connection c = SandboxConnections.connect(info, m.pgHost(), m.pgPort(), info.superuser(), "postgres");
             Statement st = c.createStatement()) {
            st.execute("CREATE TABLE demo.gappy (id bigint) PARTITION BY HASH (id)");
            st.execute("CREATE TABLE demo.gappy_0 PARTITION OF demo.gappy FOR VALUES WITH (modulus 2, remainder 0)");
        }

        assertThat(cli.run("shards", "--json", "--rate-seconds", "0")).as(cli.err()).isEqualTo(4);
        JsonNode gappy = table(Json.mapper().readTree(cli.out()).get("maps").get(0), "demo.gappy");
        assertThat(gappy.get("problems").get(0).asText())
                .isEqualTo("gap: remainder 1 of modulus 2 has no partition — rows hashing there are refused");
    }

    @Test
    @Order(4)
    void aBadRateIntervalIsRefusedAsBadInput() {
        assertThat(cli.run("shards", "--rate-seconds", "-1")).isEqualTo(2);
        // Said by the shared numeric option parser (NumericOptions), before anything is read.
        assertThat(cli.err()).contains("--rate-seconds").contains("'-1' is out of range");
    }

    private static JsonNode table(JsonNode map, String name) {
        for (JsonNode t : map.get("tables")) {
            if (t.get("name").asText().equals(name)) {
                return t;
            }
        }
        throw new AssertionError("no table " + name + " in " + map);
    }
}
