package io.pilothouse.app.e2e;

import io.pilothouse.services.sandbox.OwnSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code pilothouse sandbox schema} and {@code sandbox workload orders} against a sandbox of their own with one
 * Patroni member and two shards.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("servers")
class ShardedSchemaCommandTest {

    private static OwnSandbox own;

    private final CommandRun cli = new CommandRun();

    @BeforeAll
    static void start() {
        own = OwnSandbox.start("pilothouse-cli-sharded-", s -> s.withMembers(1).withScope("clishard").withShards(2));
    }

    @AfterAll
    static void stop() {
        if (own != null) {
            assertThat(own.closeCleanly()).as("sandbox stopped cleanly").isTrue();
        }
    }

    @Test
    @Order(1)
    void schemaPrintsTimeRowCountsAndWhereEachPartitionLives() {
        assertThat(cli.run("sandbox", "schema", "--dir", own.dir().toString(), "--rows", "10000"))
                .as(cli.err()).isZero();

        int shard1 = own.info().requireShard("shard1").pgPort();
        int shard2 = own.info().requireShard("shard2").pgPort();
        assertThat(cli.out())
                .containsPattern("sharded schema on node1 \\(127\\.0\\.0\\.1:\\d+\\) in [\\d.]+ s \\(load [\\d.]+ s\\): "
                        + "demo\\.orders 8,000 rows \\(node1 [\\d,]+, shard1 [\\d,]+, shard2 [\\d,]+\\), "
                        + "demo\\.events 2,000 rows")
                .contains("demo.orders_p0  remainder 0  local")
                .contains("demo.orders_p1  remainder 1  local")
                .contains("demo.orders_p2  remainder 2  foreign -> shard1 (127.0.0.1:" + shard1 + ")")
                .contains("demo.orders_p7  remainder 7  foreign -> shard2 (127.0.0.1:" + shard2 + ")");
        assertThat(cli.err()).contains("Loaded 8,000 orders and 2,000 events in");
    }

    @Test
    @Order(2)
    void ordersWorkloadPrintsALinePerSecondAndStopsAfterTheGivenSeconds() {
        long t0 = System.nanoTime();
        assertThat(cli.run("sandbox", "workload", "orders", "--dir", own.dir().toString(), "--seconds", "2",
                "--rate", "40", "--seed", "3")).as(cli.err()).isZero();

        assertThat((System.nanoTime() - t0) / 1_000_000).as("bounded by --seconds").isLessThan(10_000);
        assertThat(cli.out()).containsPattern("(?m)^ +1 s  inserted \\d+  updated \\d+  errors 0$")
                .containsPattern("orders workload: inserted [1-9]\\d*, updated \\d+, errors 0");
    }

    @Test
    @Order(3)
    void schemaExplainsASandboxWithoutShards() {
        assertThat(cli.run("sandbox", "schema", "--dir", own.dir().resolve("nothing-here").toString()))
                .isEqualTo(1);
        assertThat(cli.err()).contains("No sandbox in");
    }
}
