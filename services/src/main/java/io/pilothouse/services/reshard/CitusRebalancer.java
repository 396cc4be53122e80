package io.pilothouse.services.reshard;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Citus's own rebalancer, driven through its documented SQL: the plan from {@code get_rebalance_table_shards_plan()},
 * one move with {@code citus_move_shard_placement(shard, source host, port, target host, port)}, a background
 * rebalance with {@code citus_rebalance_start()}, progress from {@code get_rebalance_progress()} and the job's state
 * from {@code citus_rebalance_status()} (signatures checked in citusdata/citus {@code src/backend/distributed/sql/udfs}).
 * Citus cannot be installed here: every call first checks the extension and refuses in words when it is absent.
 */
public final class CitusRebalancer {

    static final String VERSION = "SELECT extversion FROM pg_extension WHERE extname = 'citus'";
    static final String PLAN = "SELECT table_name::text, shardid, shard_size, sourcename, sourceport, targetname, "
            + "targetport FROM get_rebalance_table_shards_plan()";
    static final String MOVE = "SELECT citus_move_shard_placement(?, ?, ?, ?, ?)";
    static final String START = "SELECT citus_rebalance_start()";
    static final String PROGRESS = "SELECT table_name::text, shardid, shard_size, sourcename, sourceport, targetname, "
            + "targetport, progress FROM get_rebalance_progress()";
    static final String STATUS = "SELECT job_id, state::text, details::text FROM citus_rebalance_status()";

    /**
     * One shard move of a plan.
     *
     * @param table      distributed table
     * @param shardId    shard id
     * @param shardBytes its size
     * @param sourceHost node it is on
     * @param sourcePort port there
     * @param targetHost node it goes to
     * @param targetPort port there
     */
    public record ShardMove(String table, long shardId, long shardBytes, String sourceHost, int sourcePort,
                            String targetHost, int targetPort) {
    }

    /**
     * A move under way, as {@code get_rebalance_progress()} shows it.
     *
     * @param move     the move
     * @param progress 0 waiting, 1 moving, 2 done (Citus's codes)
     */
    public record ShardProgress(ShardMove move, int progress) {
    }

    /**
     * The latest background rebalance job.
     *
     * @param jobId   job id
     * @param state   Citus's job state ({@code running}, {@code finished}, {@code failed}…)
     * @param details its details as JSON text
     */
    public record JobStatus(long jobId, String state, String details) {
    }

    /** The citus extension's version on {@code coordinator}, empty when it is not installed. */
    public Optional<String> version(Connection coordinator) throws SQLException {
        try (Statement st = coordinator.createStatement(); ResultSet rs = st.executeQuery(VERSION)) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
    }

    /** The moves Citus would make to rebalance every distributed table. */
    public List<ShardMove> plan(Connection coordinator, String where) throws SQLException {
        requireCitus(coordinator, where);
        List<ShardMove> moves = new ArrayList<>();
        try (Statement st = coordinator.createStatement(); ResultSet rs = st.executeQuery(PLAN)) {
            while (rs.next()) {
                moves.add(move(rs));
            }
        }
        return moves;
    }

    /** Moves one shard placement and returns when Citus has. */
    public void move(Connection coordinator, String where, ShardMove move) throws SQLException {
        requireCitus(coordinator, where);
        try (PreparedStatement ps = coordinator.prepareStatement(MOVE)) {
            ps.setLong(1, move.shardId());
            ps.setString(2, move.sourceHost());
            ps.setInt(3, move.sourcePort());
            ps.setString(4, move.targetHost());
            ps.setInt(5, move.targetPort());
            ps.execute();
        }
    }

    /** Starts a background rebalance of the whole cluster. */
    public void start(Connection coordinator, String where) throws SQLException {
        requireCitus(coordinator, where);
        try (Statement st = coordinator.createStatement()) {
            st.execute(START);
        }
    }

    /** Moves under way (empty when none). */
    public List<ShardProgress> progress(Connection coordinator, String where) throws SQLException {
        requireCitus(coordinator, where);
        List<ShardProgress> out = new ArrayList<>();
        try (Statement st = coordinator.createStatement(); ResultSet rs = st.executeQuery(PROGRESS)) {
            while (rs.next()) {
                out.add(new ShardProgress(move(rs), rs.getInt(8)));
            }
        }
        return out;
    }

    /** The latest background rebalance job, if any. */
    public Optional<JobStatus> status(Connection coordinator, String where) throws SQLException {
        requireCitus(coordinator, where);
        try (Statement st = coordinator.createStatement(); ResultSet rs = st.executeQuery(STATUS)) {
            return rs.next() ? Optional.of(new JobStatus(rs.getLong(1), rs.getString(2), rs.getString(3)))
                    : Optional.empty();
        }
    }

    private void requireCitus(Connection coordinator, String where) throws SQLException {
        if (version(coordinator).isEmpty()) {
            throw new ReshardException("Citus is not installed on " + where + " (no citus extension in "
                    + "pg_extension); its tables are resharded with reshard move/split instead.");
        }
    }

    private static ShardMove move(ResultSet rs) throws SQLException {
        return new ShardMove(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getInt(5),
                rs.getString(6), rs.getInt(7));
    }
}
