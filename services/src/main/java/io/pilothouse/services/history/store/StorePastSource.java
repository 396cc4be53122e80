package io.pilothouse.services.history.store;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** {@link PastSource} on the store file: one read-only connection, opened on first use, used by one thread at a time. */
public final class StorePastSource implements PastSource, AutoCloseable {

    private final Path file;
    private HistoryReader reader;

    public StorePastSource(Path file) {
        this.file = file;
    }

    @Override
    public synchronized Optional<TimeSpan> span() {
        return read(r -> r.range().map(a -> new TimeSpan(a[0], a[1])));
    }

    @Override
    public synchronized Optional<PastMoment> momentAt(Instant at) {
        return read(r -> r.momentAt(at));
    }

    @Override
    public synchronized Optional<Instant> eventAfter(Instant t) {
        return read(r -> r.eventAfter(t));
    }

    @Override
    public synchronized Optional<Instant> eventBefore(Instant t) {
        return read(r -> r.eventBefore(t));
    }

    private interface Query<T> {
        T run(HistoryReader r) throws SQLException;
    }

    private <T> Optional<T> read(Query<Optional<T>> q) {
        try {
            if (reader == null) {
                reader = HistoryReader.open(file);
            }
            return q.run(reader);
        } catch (SQLException | RuntimeException e) {
            close();
            throw new HistoryUnavailableException("the stored history cannot be read (" + e.getMessage()
                    + "); the live view is unaffected", e);
        }
    }

    @Override
    public synchronized void close() {
        if (reader != null) {
            try {
                reader.close();
            } catch (SQLException e) {
                // Closing a read-only connection loses nothing.
            }
            reader = null;
        }
    }
}
