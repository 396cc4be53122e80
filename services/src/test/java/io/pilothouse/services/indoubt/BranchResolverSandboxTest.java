package io.pilothouse.services.indoubt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilothouse.services.indoubt.ResolutionException.Reason;
import io.pilothouse.services.model.PreparedBranch;
import io.pilothouse.services.sandbox.SandboxConnections;
import io.pilothouse.services.sandbox.SandboxInfo;
import io.pilothouse.services.sandbox.SharedSandbox;
import io.pilothouse.services.testing.Closing;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Committing and rolling back real prepared transactions on the shared sandbox's leader. */
@Tag("servers")
class BranchResolverSandboxTest {

    private static SandboxInfo sandbox;
    private static String leader;
    private static final BranchResolver.ConnectionFactory SANDBOX =
            (host, port, db, user) -> SandboxConnections.connect(sandbox, host, port, user, db);

    @BeforeAll
    static void up() {
        sandbox = SharedSandbox.get();
        leader = TwoPhase.leader(sandbox);
    }

    @Test
    void commitAppliesThePreparedChangeAndRollbackDiscardsIt() throws Exception {
        String tag = TwoPhase.tag();
        String table = "indoubt_resolve_" + tag;
        Connection app = SandboxConnections.connect(sandbox, leader, sandbox.appUser(), "app");
        try {
            try (Statement st = app.createStatement()) {
                st.execute("CREATE TABLE " + table + " (id int PRIMARY KEY, v int)");
                st.execute("INSERT INTO " + table + " VALUES (1, 0)");
            }
            TwoPhase.prepare(app, "commit-me'\\ " + tag, "UPDATE " + table + " SET v = 1 WHERE id = 1");
            TwoPhase.prepare(app, "roll-me-back$$; " + tag, "INSERT INTO " + table + " VALUES (2, 2)");
            assertThat(rows(app, table)).containsExactly("1=0");

            BranchResolver resolver = new BranchResolver();
            resolver.resolve(branch(app, "commit-me'\\ " + tag), true, SANDBOX);
            assertThat(rows(app, table)).containsExactly("1=1");

            resolver.resolve(branch(app, "roll-me-back$$; " + tag), false, SANDBOX);
            assertThat(rows(app, table)).containsExactly("1=1");
            assertThat(TwoPhase.preparedWith(app, tag)).isEmpty();
        } finally {
            TwoPhase.rollBackAll(sandbox, leader, tag);
            try (Statement st = app.createStatement()) {
                // Never hang on a lock a failed clean-up left behind.
                st.execute("SET lock_timeout = '5s'");
                st.execute("DROP TABLE IF EXISTS " + table);
            }
            Closing.inOrder(app);
        }
    }

    @Test
    void anotherRoleIsToldToUseTheOwnerOrASuperuserAndASuperuserCan() throws Exception {
        String tag = TwoPhase.tag();
        String gid = "not-yours-" + tag;
        try (Connection app = SandboxConnections.connect(sandbox, leader, sandbox.appUser(), "app")) {
            TwoPhase.prepare(app, gid);
            PreparedBranch b = branch(app, gid);
            BranchResolver resolver = new BranchResolver();

            assertThatThrownBy(() -> resolver.resolve(b, true, SANDBOX, sandbox.monitorUser()))
                    .isInstanceOfSatisfying(ResolutionException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.NOT_PERMITTED))
                    .hasMessageContaining("Permission denied").hasMessageContaining(sandbox.monitorUser())
                    .hasMessageContaining(sandbox.appUser()).hasMessageContaining("superuser");
            assertThat(TwoPhase.preparedWith(app, tag)).containsExactly(gid);

            resolver.resolve(b, false, SANDBOX, sandbox.superuser());
            assertThat(TwoPhase.preparedWith(app, tag)).isEmpty();
        } finally {
            TwoPhase.rollBackAll(sandbox, leader, tag);
        }
    }

    @Test
    void aBranchResolvedElsewhereIsReportedAsSuchAndAReusedGidIsLeftAlone() throws Exception {
        String tag = TwoPhase.tag();
        String gid = "gone-" + tag;
        try (Connection app = SandboxConnections.connect(sandbox, leader, sandbox.appUser(), "app")) {
            TwoPhase.prepare(app, gid);
            PreparedBranch seen = branch(app, gid);
            try (Statement st = app.createStatement()) {
                st.execute(GidLiteral.rollback(gid, true));
            }
            BranchResolver resolver = new BranchResolver();
            assertThatThrownBy(() -> resolver.resolve(seen, true, SANDBOX))
                    .isInstanceOfSatisfying(ResolutionException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.ALREADY_RESOLVED))
                    .hasMessageContaining("resolved by someone else");

            // The same gid prepared again is another transaction: the stale view must not finish it.
            TwoPhase.prepare(app, gid);
            assertThatThrownBy(() -> resolver.resolve(seen, true, SANDBOX))
                    .isInstanceOfSatisfying(ResolutionException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.GID_REUSED));
            assertThat(TwoPhase.preparedWith(app, tag)).containsExactly(gid);
        } finally {
            TwoPhase.rollBackAll(sandbox, leader, tag);
        }
    }

    private static PreparedBranch branch(Connection c, String gid) throws SQLException {
        return new PreparedXactsProbe().read(TwoPhase.node(sandbox, leader), c).stream()
                .filter(b -> b.gid().equals(gid)).findFirst().orElseThrow();
    }

    private static List<String> rows(Connection c, String table) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT id, v FROM " + table + " ORDER BY id")) {
            while (rs.next()) {
                rows.add(rs.getInt(1) + "=" + rs.getInt(2));
            }
        }
        return rows;
    }
}
