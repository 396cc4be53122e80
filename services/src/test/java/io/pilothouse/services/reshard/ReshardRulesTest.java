package io.pilothouse.services.reshard;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.EstateSnapshot;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.model.MemberRole;
import io.pilothouse.services.model.MemberState;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Guard-rails, names and connection strings of resharding, without servers. */
class ReshardRulesTest {

    private static final ReshardNode COORDINATOR = new ReshardNode("node1", "demo", "10.0.0.1", 5432, "app");
    private static final ReshardNode SOURCE = new ReshardNode("shard2", "shard2", "10.0.0.3", 5432, "app");
    private static final ReshardNode TARGET = new ReshardNode("shard1", "shard1", "10.0.0.2", 5432, "app");

    @Test
    void refusesWhileAClusterInvolvedIsPausedLeaderlessOrLagging() {
        ReshardGuardRails rails = new ReshardGuardRails(64L * 1024 * 1024);
        Member leader = Member.builder("node1").role(MemberRole.LEADER).state(MemberState.RUNNING).host("10.0.0.1")
                .port(5432).build();
        Member laggard = Member.builder("node2").role(MemberRole.REPLICA).state(MemberState.STREAMING)
                .host("10.0.0.9").port(5432).sqlLagBytes(200L * 1024 * 1024).build();
        ClusterSnapshot paused = ClusterSnapshot.builder("demo", "demo").leader("node1").timeline(1).paused(true)
                .members(List.of(leader, laggard)).observedAt(Instant.now()).build();
        ClusterSnapshot leaderless = ClusterSnapshot.builder("shard1", "shard1").timeline(1)
                .members(List.of(Member.builder("t").role(MemberRole.REPLICA).host("10.0.0.2").port(5432).build()))
                .observedAt(Instant.now()).build();
        EstateSnapshot estate = new EstateSnapshot("w", false, List.of(paused, leaderless), 1, Instant.now());

        List<String> refusals = rails.refusals(plan(), estate);

        assertThat(refusals).anyMatch(r -> r.startsWith("Cluster demo is paused"))
                .anyMatch(r -> r.startsWith("Replica node2 of cluster demo is 200 MB behind"))
                .anyMatch(r -> r.startsWith("Cluster shard1 has no leader"))
                .anyMatch(r -> r.contains("shard1 (10.0.0.2:5432/app) is REPLICA"))
                .anyMatch(r -> r.startsWith("shard2 (10.0.0.3:5432/app) is not in the live model"));
    }

    @Test
    void aHealthyEstateHasNoRefusal() {
        List<ClusterSnapshot> clusters = List.of(healthy("demo", COORDINATOR), healthy("shard1", TARGET),
                healthy("shard2", SOURCE));
        assertThat(new ReshardGuardRails(1).refusals(plan(), new EstateSnapshot("w", false, clusters, 1,
                Instant.now()))).isEmpty();
    }

    @Test
    void keptNamesFitPostgresIdentifiers() {
        String id = "20261121t101500_ab12";
        assertThat(MovePlanner.kept("orders_p3", id)).isEqualTo("orders_p3_moved_" + id);
        String kept = MovePlanner.kept("x".repeat(70), id);
        assertThat(kept).hasSize(63).endsWith("_moved_" + id);
    }

    @Test
    void splitNamesReplaceTheTrailingRemainder() {
        assertThat(SplitPlanner.defaultName("orders_p3", 3, 8)).isEqualTo("orders_p11");
        assertThat(SplitPlanner.defaultName("orders_2026", 3, 8)).isEqualTo("orders_2026_r11");
        assertThat(SplitPlanner.defaultName("orders", 0, 4)).isEqualTo("orders_r4");
    }

    @Test
    void connectionStringValuesAreQuotedAndEscaped() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("host", "db one");
        p.put("password", "it's a \\ secret");
        assertThat(MoveStatements.conninfo(p)).isEqualTo("host='db one' password='it\\'s a \\\\ secret'");
    }

    @Test
    void theSubscriptionTakesTheForeignServersTlsOptionsNeverLibpqsSilentPrefer() {
        Map<String, String> verified = ReshardNode.tlsOf(Map.of("host", "10.0.0.3", "sslmode", "verify-full",
                "sslrootcert", "/etc/tls/ca.crt", "batch_size", "1000"));
        assertThat(verified).containsOnlyKeys("sslmode", "sslrootcert");
        ReshardNode tlsSource = new ReshardNode("shard2", "shard2", "10.0.0.3", 5432, "app", verified);
        MovePlan plan = plan();
        MovePlan overTls = new MovePlan(plan.id(), plan.cluster(), plan.coordinator(), plan.parent(), plan.partition(),
                plan.bound(), true, tlsSource, plan.sourceTable(), plan.target(), plan.targetServer(),
                plan.targetTable(), plan.keptName(), plan.user(), plan.targetDdl(), plan.partitionGrants(), 10, 8192,
                plan.createdAt(), plan.notes(), null);
        assertThat(SubscriptionConnection.conninfo(overTls, null)).contains("sslmode='verify-full'",
                "sslrootcert='/etc/tls/ca.crt'");
        // A local partition (the coordinator has no foreign server for itself): the target's server's options.
        ReshardNode tlsTarget = new ReshardNode("shard1", "shard1", "10.0.0.2", 5432, "app", verified);
        assertThat(SubscriptionConnection.subscriptionTls(COORDINATOR, tlsTarget)).contains(verified);
        assertThat(SubscriptionConnection.subscriptionTls(SOURCE, TARGET)).isEmpty();
        assertThat(SubscriptionConnection.conninfo(plan, null)).doesNotContain("sslmode");
        assertThat(SubscriptionConnection.tlsHint(overTls, "could not connect to the publisher: connection to server at "
                + "\"10.0.0.3\", port 5432 failed: SSL error: certificate verify failed")).get().asString()
                .contains("sslrootcert=/etc/tls/ca.crt", "ALTER SERVER", "reshard rollback --move " + plan.id());
        assertThat(SubscriptionConnection.tlsHint(overTls, "password authentication failed for user")).isEmpty();
    }

    @Test
    void theSubscriptionLogsInAsTheMovesOwnRoleAndThePreviewShowsNoSecret() {
        MovePlan plan = plan();
        assertThat(plan.replicationRole()).isEqualTo("ph_move_20261121t101500_ab12");
        assertThat(SubscriptionConnection.conninfo(plan, "s3cr'et".toCharArray()))
                .contains("user='ph_move_20261121t101500_ab12'").contains("password='s3cr\\'et'")
                .doesNotContain("postgres'");
        assertThat(SubscriptionConnection.conninfo(plan, null)).doesNotContain("password");
        List<String> preview = MovePreview.statements(plan);
        assertThat(preview).contains("CREATE ROLE \"ph_move_20261121t101500_ab12\" WITH LOGIN REPLICATION NOINHERIT "
                        + "PASSWORD '********'",
                "GRANT USAGE ON SCHEMA \"demo\" TO \"ph_move_20261121t101500_ab12\"",
                "GRANT USAGE ON SCHEMA \"pilothouse\" TO \"ph_move_20261121t101500_ab12\"",
                "DROP OWNED BY \"ph_move_20261121t101500_ab12\"",
                "DROP ROLE IF EXISTS \"ph_move_20261121t101500_ab12\"");
        assertThat(preview).filteredOn(l -> l.startsWith("CREATE SUBSCRIPTION")).singleElement().asString()
                .contains("user=''ph_move_20261121t101500_ab12'' password=''********''");
    }

    @Test
    void roleStatementsQuoteTheNameAsAnIdentifierAndTheVerifierAsALiteral() {
        assertThat(MoveStatements.createReplicationRole("ph\"x", "SCRAM-SHA-256$4096:a'b"))
                .isEqualTo("CREATE ROLE \"ph\"\"x\" WITH LOGIN REPLICATION NOINHERIT PASSWORD 'SCRAM-SHA-256$4096:a''b'");
        assertThat(MoveStatements.alterReplicationRole("r", "v"))
                .isEqualTo("ALTER ROLE \"r\" WITH LOGIN REPLICATION NOINHERIT PASSWORD 'v'");
        assertThat(MoveStatements.alterSubscriptionConnection("s", "user='a'"))
                .isEqualTo("ALTER SUBSCRIPTION \"s\" CONNECTION 'user=''a'''");
    }

    @Test
    void oneTimePasswordsAreLongRandomAndPlain() {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < 200; i++) {
            String password = new String(ReplicationRole.generatePassword());
            assertThat(password).hasSize(32).matches("[A-Za-z0-9_-]+");
            assertThat(seen.add(password)).isTrue();
        }
    }

    @Test
    void journalRoundTripsARecordWithoutAnyPassword(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        MoveJournal journal = new MoveJournal(dir);
        MoveRecord saved = journal.save(MoveRecord.planned(plan()).advanced(MoveState.SUBSCRIBED, "subscribed"));
        MoveRecord loaded = journal.load(saved.id()).orElseThrow();
        assertThat(loaded.plan()).isEqualTo(saved.plan());
        assertThat(loaded.state()).isEqualTo(MoveState.SUBSCRIBED);
        assertThat(journal.unfinished()).extracting(MoveRecord::id).containsExactly(saved.id());
        assertThat(journal.load("../../etc/passwd")).isEmpty();
    }

    @Test
    void journalKeepsTheNodesTlsOptionsAndReadsRecordsWrittenBeforeThem(@org.junit.jupiter.api.io.TempDir
                                                                        java.nio.file.Path dir) throws Exception {
        MoveJournal journal = new MoveJournal(dir);
        MovePlan p = plan();
        ReshardNode tlsTarget = new ReshardNode("shard1", "shard1", "10.0.0.2", 5432, "app",
                Map.of("sslmode", "verify-full", "sslrootcert", "/etc/tls/ca.crt"));
        MovePlan withTls = new MovePlan(p.id(), p.cluster(), p.coordinator(), p.parent(), p.partition(), p.bound(),
                true, p.source(), p.sourceTable(), tlsTarget, p.targetServer(), p.targetTable(), p.keptName(),
                p.user(), p.targetDdl(), p.partitionGrants(), 10, 8192, p.createdAt(), p.notes(), null);
        MoveRecord saved = journal.save(MoveRecord.planned(withTls));
        assertThat(journal.load(saved.id()).orElseThrow().plan().target().tls())
                .containsEntry("sslmode", "verify-full").containsEntry("sslrootcert", "/etc/tls/ca.crt");
        java.nio.file.Path file = dir.resolve(saved.id() + ".json");
        String old = java.nio.file.Files.readString(file).replaceAll(",\\s*\"tls\"\\s*:\\s*\\{[^}]*\\}", "");
        assertThat(old).doesNotContain("\"tls\"");
        java.nio.file.Files.writeString(file, old);
        assertThat(journal.load(saved.id()).orElseThrow().plan().target().tls()).isEmpty();
    }

    private static ClusterSnapshot healthy(String scope, ReshardNode node) {
        Member leader = Member.builder(scope + "-1").role(MemberRole.LEADER).state(MemberState.RUNNING)
                .host(node.host()).port(node.port()).build();
        return ClusterSnapshot.builder(scope, scope).leader(leader.name()).timeline(1).members(List.of(leader))
                .observedAt(Instant.now()).build();
    }

    private static MovePlan plan() {
        QualifiedName part = new QualifiedName("demo", "orders_p3");
        return new MovePlan("20261121t101500_ab12", "demo/demo", COORDINATOR, new QualifiedName("demo", "orders"),
                part, "FOR VALUES WITH (modulus 8, remainder 3)", true, SOURCE, part, TARGET, "shard1", part,
                "orders_p3_moved_20261121t101500_ab12", "postgres", List.of("CREATE TABLE x ()"), List.of(), 10, 8192,
                Instant.parse("2026-11-21T10:15:00Z"), List.of(), null);
    }
}
