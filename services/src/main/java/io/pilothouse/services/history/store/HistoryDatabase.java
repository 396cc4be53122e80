package io.pilothouse.services.history.store;

import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

/** Opens the store's SQLite file: creates it, checks it, and sets a corrupt one aside. */
public final class HistoryDatabase {

    /** The file name under the data directory. */
    public static final String FILE_NAME = "history.db";

    private HistoryDatabase() {
    }

    /** The outcome of {@link #openOrRepair}: a connection (null when bypassed) and what the banner should say. */
    public record Opened(Connection connection, StoreHealth health, String message) {
    }

    /**
     * Opens {@code file} for writing. A file SQLite calls corrupt or not a database is moved aside as
     * {@code history.db.corrupt-<time>} and a new one started ({@link StoreHealth#REBUILT}); a file that cannot be
     * created or written at all gives {@link StoreHealth#BYPASSED} and no connection.
     */
    public static Opened openOrRepair(Path file, Instant now) {
        try {
            return new Opened(open(file), StoreHealth.RECORDING, "");
        } catch (SQLException e) {
            if (!isCorrupt(e)) {
                return bypassed(file, e);
            }
            Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + now.getEpochSecond());
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
                Files.deleteIfExists(file.resolveSibling(file.getFileName() + "-wal"));
                Files.deleteIfExists(file.resolveSibling(file.getFileName() + "-shm"));
                return new Opened(open(file), StoreHealth.REBUILT, "the history file was damaged (" + reason(e)
                        + "); it was moved to " + aside + " and a new, empty history started");
            } catch (IOException | SQLException again) {
                return bypassed(file, again);
            }
        }
    }

    /** Opens and checks {@code file}, creating it and its directory when missing. */
    public static Connection open(Path file) throws SQLException {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new SQLException("cannot create " + file.toAbsolutePath().getParent() + ": " + e, "58030", e);
        }
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery(HistorySchema.QUICK_CHECK)) {
                String verdict = r.next() ? r.getString(1) : "no answer";
                if (!"ok".equals(verdict)) {
                    throw new SQLiteException("quick_check: " + verdict, SQLiteErrorCode.SQLITE_CORRUPT);
                }
            }
            s.execute(HistorySchema.PRAGMA_WAL);
            s.execute(HistorySchema.PRAGMA_SYNC);
            for (String ddl : HistorySchema.CREATE) {
                s.execute(ddl);
            }
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** Opens {@code file} for reading only; fails when it does not exist. */
    public static Connection openReadOnly(Path file) throws SQLException {
        if (!Files.isRegularFile(file)) {
            throw new SQLException("no history store at " + file.toAbsolutePath(), "58030");
        }
        org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
        config.setReadOnly(true);
        return config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
    }

    static boolean isCorrupt(SQLException e) {
        if (e instanceof SQLiteException se) {
            SQLiteErrorCode code = se.getResultCode();
            return code == SQLiteErrorCode.SQLITE_CORRUPT || code == SQLiteErrorCode.SQLITE_NOTADB
                    || code.code % 256 == SQLiteErrorCode.SQLITE_CORRUPT.code
                    || code.code % 256 == SQLiteErrorCode.SQLITE_NOTADB.code;
        }
        return false;
    }

    /** True when {@code e} means the disk (or the file's quota) is full. */
    static boolean isFull(SQLException e) {
        return e instanceof SQLiteException se && se.getResultCode().code % 256 == SQLiteErrorCode.SQLITE_FULL.code;
    }

    static String reason(SQLException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        return m.length() > 160 ? m.substring(0, 160) + "…" : m;
    }

    private static Opened bypassed(Path file, Exception e) {
        String why = e instanceof SQLException se ? reason(se) : e.toString();
        return new Opened(null, StoreHealth.BYPASSED, "not recorded: " + file.toAbsolutePath() + " cannot be written ("
                + why + "); the live view is unaffected. Free space or fix the directory's permissions, or set "
                + "PILOTHOUSE_HISTORY_DIR to another directory, then restart");
    }
}
