package io.pilothouse.services.reshard;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Runs one of a move's statements and tells the move's listeners (audit, progress) that it ran. */
final class MoveSql {

    private MoveSql() {
    }

    static void exec(Connection c, ReshardNode node, MoveEvents events, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
        events.ran(node, sql);
    }
}
