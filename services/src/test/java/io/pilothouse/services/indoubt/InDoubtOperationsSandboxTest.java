package io.pilothouse.services.indoubt;

import io.pilothouse.services.live.LiveModel;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.PreparedBranch;
import io.pilothouse.services.policy.AuditOutcome;
import io.pilothouse.services.policy.AuditRecord;
import io.pilothouse.services.policy.JsonLinesAuditLog;
import io.pilothouse.services.policy.MutationGate;
import io.pilothouse.services.policy.MutationRefusedException;
import io.pilothouse.services.policy.OperationGuard;
import io.pilothouse.services.policy.ReadOnlyWorkspaceException;
import io.pilothouse.services.sandbox.SandboxConnections;
import io.pilothouse.services.sandbox.SandboxInfo;
import io.pilothouse.services.sandbox.SharedSandbox;
import io.pilothouse.services.workspace.WorkspaceLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Finding and resolving prepared branches through the live model on a real server: the scanner finds a branch on
 * the leader with its owner and database; committing it (as its owner, in its database) applies its change and is
 * audited; a read-only workspace refuses; a branch resolved meanwhile by someone else is a refusal, not a failure.
 */
@Tag("servers")
class InDoubtOperationsSandboxTest {

    private static SandboxInfo sandbox;
    private static LiveModel live;
    private static String source;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        sandbox = SharedSandbox.get();
        live = LiveModel.on(new WorkspaceLoader().load(sandbox.workspaceFile()));
        source = live.workspace().sources().get(0).name();
        try (Connection c = superuser(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS indoubt_ops (id int PRIMARY KEY, note text)");
            s.execute("GRANT ALL ON indoubt_ops TO " + sandbox.appUser());
        }
    }

    @AfterAll
    static void stop() throws Exception {
        try (Connection c = superuser(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT gid FROM pg_prepared_xacts WHERE gid LIKE 'indoubt_ops_%'")) {
            List<String> left = new java.util.ArrayList<>();
            while (rs.next()) {
                left.add(rs.getString(1));
            }
            for (String gid : left) {
                s.execute(GidLiteral.rollback(gid, true));
            }
        }
        if (live != null) {
            live.close();
        }
    }

    private static Connection superuser() throws Exception {
        ClusterSnapshot c = live == null ? null : live.cluster(sandbox.scope());
        String leader = c != null && c.leader() != null ? c.leader()
                : io.pilothouse.services.sandbox.SandboxRest.leader(sandbox).orElseThrow();
        return SandboxConnections.connect(sandbox, leader, sandbox.superuser(), "postgres");
    }

    private static void prepareAsApp(String gid, int id) throws Exception {
        String leader = live.cluster(sandbox.scope()).leader();
        try (Connection c = SandboxConnections.connect(sandbox, leader, sandbox.appUser(), "postgres");
             Statement s = c.createStatement()) {
            s.execute("BEGIN");
            s.execute("INSERT INTO indoubt_ops VALUES (" + id + ", 'prepared')");
            s.execute("PREPARE TRANSACTION " + GidLiteral.quote(gid, true));
        }
    }

    private static InDoubtScanner scanner() {
        PreparedXactsProbe probe = new PreparedXactsProbe();
        return new InDoubtScanner(live.monitor().feed()::latest, live.monitor()::open, (c, n) -> probe.read(n, c),
                Clock.systemUTC());
    }

    private static InDoubtOperations operations(boolean readOnly, JsonLinesAuditLog audit) {
        return new InDoubtOperations(OperationGuard.gateOnly(new MutationGate(readOnly, audit)), new BranchResolver(),
                (host, port, database, user) -> live.monitor().openAs(source, host, port, database, user),
                live.monitor().feed()::latest);
    }

    private static PreparedBranch found(String gid) {
        return scanner().scan().branches().stream().filter(b -> b.gid().equals(gid)).findFirst().orElseThrow();
    }

    private static boolean rowExists(int id) throws Exception {
        try (Connection c = superuser(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM indoubt_ops WHERE id = " + id)) {
            rs.next();
            return rs.getInt(1) == 1;
        }
    }

    @Test
    void scannerFindsTheBranchOnTheLeaderAndCommitAsOwnerAppliesItAndIsAudited() throws Exception {
        prepareAsApp("indoubt_ops_commit", 1);
        PreparedBranch b = found("indoubt_ops_commit");
        assertThat(b.node().member()).isEqualTo(live.cluster(sandbox.scope()).leader());
        assertThat(b.owner()).isEqualTo(sandbox.appUser());
        assertThat(b.database()).isEqualTo("postgres");
        assertThat(rowExists(1)).isFalse();

        JsonLinesAuditLog audit = new JsonLinesAuditLog(dir.resolve("commit.jsonl"));
        String done = operations(false, audit).resolve(b, true, null);

        assertThat(done).startsWith("committed branch 'indoubt_ops_commit' on ");
        assertThat(rowExists(1)).isTrue();
        assertThat(scanner().scan().branches()).noneMatch(x -> x.gid().equals("indoubt_ops_commit"));
        AuditRecord r = audit.read().entries().get(0).record();
        assertThat(r.action()).isEqualTo("commit-prepared");
        assertThat(r.outcome()).isEqualTo(AuditOutcome.OK);
        assertThat(r.parameters()).containsEntry("gid", "indoubt_ops_commit").containsEntry("connectedAs",
                sandbox.appUser());
    }

    @Test
    void rollbackDiscardsTheChange() throws Exception {
        prepareAsApp("indoubt_ops_rollback", 2);
        operations(false, new JsonLinesAuditLog(dir.resolve("rollback.jsonl")))
                .resolve(found("indoubt_ops_rollback"), false, null);
        assertThat(rowExists(2)).isFalse();
        assertThat(scanner().scan().branches()).noneMatch(x -> x.gid().equals("indoubt_ops_rollback"));
    }

    @Test
    void readOnlyWorkspaceRefusesAndTheBranchStays() throws Exception {
        prepareAsApp("indoubt_ops_readonly", 3);
        JsonLinesAuditLog audit = new JsonLinesAuditLog(dir.resolve("ro.jsonl"));
        assertThatThrownBy(() -> operations(true, audit).resolve(found("indoubt_ops_readonly"), true, null))
                .isInstanceOf(ReadOnlyWorkspaceException.class);
        assertThat(found("indoubt_ops_readonly")).isNotNull();
        assertThat(audit.read().entries().get(0).record().outcome()).isEqualTo(AuditOutcome.REFUSED);
    }

    @Test
    void aBranchResolvedMeanwhileIsARefusalNotAFailure() throws Exception {
        prepareAsApp("indoubt_ops_gone", 4);
        PreparedBranch b = found("indoubt_ops_gone");
        try (Connection c = superuser(); Statement s = c.createStatement()) {
            s.execute(GidLiteral.rollback("indoubt_ops_gone", true));
        }
        JsonLinesAuditLog audit = new JsonLinesAuditLog(dir.resolve("gone.jsonl"));
        assertThatThrownBy(() -> operations(false, audit).resolve(b, true, null))
                .isInstanceOf(MutationRefusedException.class);
        assertThat(audit.read().entries().get(0).record().outcome()).isEqualTo(AuditOutcome.REFUSED);
    }
}
