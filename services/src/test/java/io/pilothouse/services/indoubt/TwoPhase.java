package io.pilothouse.services.indoubt;

import io.pilothouse.services.model.NodeRef;
import io.pilothouse.services.sandbox.SandboxConnections;
import io.pilothouse.services.sandbox.SandboxInfo;
import io.pilothouse.services.sandbox.SandboxRest;
import io.pilothouse.services.testing.Await;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

/** Test support: sessions on the shared sandbox and prepared transactions that are always cleaned up. */
final class TwoPhase {

    private TwoPhase() {
    }

    /** A short random tag for table names and gids, so classes sharing the sandbox never collide. */
    static String tag() {
        byte[] b = new byte[4];
        ThreadLocalRandom.current().nextBytes(b);
        return "ph" + HexFormat.of().formatHex(b);
    }

    static String leader(SandboxInfo sandbox) {
        return Await.until(Duration.ofSeconds(60), "a leader", () -> SandboxRest.leader(sandbox).orElse(null),
                l -> l != null);
    }

    static NodeRef node(SandboxInfo sandbox, String member) {
        SandboxInfo.Member m = sandbox.requireMember(member);
        return new NodeRef("sandbox", sandbox.scope(), member, m.pgHost(), m.pgPort());
    }

    /** A session with extra server settings ({@code -c name=value} options), e.g. standard_conforming_strings. */
    static Connection open(SandboxInfo sandbox, String host, int port, String user, String database,
                           String options) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", SandboxConnections.password(sandbox.passfile(), host, port, database, user)
                .orElseThrow());
        props.setProperty("connectTimeout", "5");
        props.setProperty("ApplicationName", "pilothouse-indoubt-test");
        if (options != null) {
            props.setProperty("options", options);
        }
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + database, props);
    }

    /** {@code BEGIN; <work>; PREPARE TRANSACTION <gid>} on {@code c} (autocommit), gid quoted for its setting. */
    static void prepare(Connection c, String gid, String... work) throws SQLException {
        c.setAutoCommit(true);
        try (Statement st = c.createStatement()) {
            st.setEscapeProcessing(false);
            st.execute("BEGIN");
            try {
                st.execute("SELECT txid_current()");
                for (String w : work) {
                    try (PreparedStatement ps = c.prepareStatement(w)) {
                        if (w.contains("?")) {
                            ps.setString(1, gid);
                        }
                        ps.execute();
                    }
                }
                st.execute("PREPARE TRANSACTION " + GidLiteral.quote(gid, standard(c)));
            } catch (SQLException | RuntimeException e) {
                st.execute("ROLLBACK");
                throw e;
            }
        }
    }

    static boolean standard(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW standard_conforming_strings")) {
            rs.next();
            return GidLiteral.standardConformingStrings(rs.getString(1));
        }
    }

    /** The gids now prepared on the node {@code c} is connected to that contain {@code tag}. */
    static List<String> preparedWith(Connection c, String tag) throws SQLException {
        List<String> gids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT gid FROM pg_prepared_xacts WHERE strpos(gid, ?) > 0 ORDER BY gid")) {
            ps.setString(1, tag);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    gids.add(rs.getString(1));
                }
            }
        }
        return gids;
    }

    /**
     * Rolls back every prepared transaction whose gid contains {@code tag}, each in its own database, as the
     * superuser; for finally blocks, so other classes sharing the sandbox never meet our leftovers.
     */
    static void rollBackAll(SandboxInfo sandbox, String member, String tag) {
        SandboxInfo.Member m = sandbox.requireMember(member);
        try (Connection su = SandboxConnections.connect(sandbox, member, sandbox.superuser(), "postgres");
             PreparedStatement ps = su.prepareStatement(
                     "SELECT gid, database FROM pg_prepared_xacts WHERE strpos(gid, ?) > 0")) {
            ps.setString(1, tag);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String gid = rs.getString(1);
                    try (Connection db = SandboxConnections.connect(sandbox, m.pgHost(), m.pgPort(),
                            sandbox.superuser(), rs.getString(2)); Statement st = db.createStatement()) {
                        st.execute(GidLiteral.rollback(gid, standard(db)));
                    } catch (SQLException | RuntimeException e) {
                        System.err.println("could not roll back a test's prepared transaction: " + e);
                    }
                }
            }
        } catch (SQLException e) {
            System.err.println("could not list a test's prepared transactions: " + e);
        }
    }
}
