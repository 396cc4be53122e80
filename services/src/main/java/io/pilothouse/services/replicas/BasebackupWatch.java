package io.pilothouse.services.replicas;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Prints a base backup's progress as the upstream reports it in {@code pg_stat_progress_basebackup}: phase, bytes
 * streamed of the total, and an ETA from the rate so far.
 */
final class BasebackupWatch implements PlannedStep.ProgressWatch {

    static final String PROGRESS = "SELECT p.phase, p.backup_streamed, p.backup_total"
            + " FROM pg_stat_progress_basebackup p JOIN pg_stat_activity a USING (pid)"
            + " WHERE a.application_name IN (?, 'pg_basebackup') ORDER BY a.backend_start DESC LIMIT 1";

    private final UpstreamLink upstream;
    private final String applicationName;
    private long firstSeenNanos;
    private String last = "";

    BasebackupWatch(UpstreamLink upstream, String applicationName) {
        this.upstream = upstream;
        this.applicationName = applicationName;
    }

    @Override
    public void poll(Consumer<String> progress) {
        try (PreparedStatement ps = upstream.connection().prepareStatement(PROGRESS)) {
            ps.setString(1, applicationName);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return;
                }
                long now = System.nanoTime();
                if (firstSeenNanos == 0) {
                    firstSeenNanos = now;
                }
                long total = rs.getLong(3);
                String line = line(rs.getString(1), rs.getLong(2), rs.wasNull() ? -1 : total,
                        (now - firstSeenNanos) / 1e9);
                if (!line.equals(last)) {
                    last = line;
                    progress.accept("   " + line);
                }
            }
        } catch (SQLException e) {
            upstream.reset();
            progress.accept("   (progress not readable: " + e.getMessage() + ")");
        }
    }

    @Override
    public void close() {
        upstream.close();
    }

    /** {@code base backup: streaming database files 12.0 / 48.0 MiB (25%), ETA 3 s}. */
    static String line(String phase, long streamed, long total, double seconds) {
        StringBuilder out = new StringBuilder("base backup: ").append(phase).append(' ')
                .append(ReplicaPreChecks.mib(streamed));
        if (total > 0) {
            out.append(" / ").append(ReplicaPreChecks.mib(total))
                    .append(String.format(Locale.ROOT, " (%d%%)", Math.min(100, streamed * 100 / total)));
            if (seconds > 0.5 && streamed > 0 && streamed < total) {
                double eta = (total - streamed) / (streamed / seconds);
                out.append(String.format(Locale.ROOT, ", ETA %.0f s", eta));
            }
        }
        return out.toString();
    }
}
