package io.pilothouse.services.reshard;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Counts and checksums a table on two nodes with the same text settings, so equal contents give equal sums. */
final class Verifier {

    private Verifier() {
    }

    static Verification compare(Connection source, QualifiedName sourceTable, Connection target,
                                QualifiedName targetTable, String note) throws SQLException {
        String[] s = checksum(source, sourceTable);
        String[] t = checksum(target, targetTable);
        return new Verification(Long.parseLong(s[0]), s[1], Long.parseLong(t[0]), t[1], note);
    }

    private static String[] checksum(Connection c, QualifiedName table) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String sql : MoveStatements.CANONICAL_TEXT) {
                st.execute(sql);
            }
            try (ResultSet rs = st.executeQuery(MoveStatements.checksum(table))) {
                rs.next();
                return new String[] {rs.getString(1), rs.getString(2)};
            }
        }
    }
}
