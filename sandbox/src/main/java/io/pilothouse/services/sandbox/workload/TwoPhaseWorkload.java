package io.pilothouse.services.sandbox.workload;

import io.pilothouse.services.credentials.PgPassFile;
import io.pilothouse.services.postgres.SqlIdentifiers;
import io.pilothouse.services.sandbox.SandboxException;
import io.pilothouse.services.sandbox.SandboxInfo;
import io.pilothouse.services.sandbox.workload.TwoPhaseResult.Branch;
import io.pilothouse.services.sandbox.workload.TwoPhaseResult.Orphan;
import io.pilothouse.services.sandbox.workload.TwoPhaseResult.OrphanKind;
import io.pilothouse.services.sandbox.workload.TwoPhaseResult.Participant;
import io.pilothouse.services.sandbox.workload.TwoPhaseResult.Resolution;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real two-phase-commit coordinator across a sandbox's HA cluster leader and its shards, for demos and tests of
 * in-doubt transaction handling.
 *
 * <p>Every participant gets a {@code ledger} table in database {@code postgres}; the leader also holds the
 * coordinator's decision log {@code tx_decisions}. Each global transaction inserts one ledger row per participant,
 * prepares a branch {@code <global>_<participant>} on each, records the decision, then commits every branch. The
 * orphans stop half-way, for real, alternating {@link OrphanKind#NO_DECISION} (correct resolution: roll back) and
 * {@link OrphanKind#PARTLY_COMMITTED} (correct resolution: commit the rest). Work runs as the sandbox's {@code app}
 * role, setup grants as the superuser; passwords come from the sandbox's pgpass.
 *
 * <p>Global ids {@code tx_NNNN} continue after the highest one already used on any participant, so the workload can
 * run again on the same sandbox. Not thread-safe; one run at a time per sandbox.
 */
public final class TwoPhaseWorkload {

    /** The database every participant's tables live in. */
    public static final String DATABASE = "postgres";

    private static final Logger LOG = LoggerFactory.getLogger(TwoPhaseWorkload.class);

    private static final String LEDGER_DDL = "CREATE TABLE IF NOT EXISTS ledger (id bigserial PRIMARY KEY, "
            + "global_id text, amount int, node text)";
    private static final String DECISIONS_DDL = "CREATE TABLE IF NOT EXISTS tx_decisions (global_id text PRIMARY KEY, "
            + "committed boolean NOT NULL, decided_at timestamptz NOT NULL DEFAULT now())";
    private static final String GRANT_CREATE = "GRANT CREATE ON SCHEMA public TO %s";
    private static final String INSERT_LEDGER = "INSERT INTO ledger (global_id, amount, node) VALUES (?, ?, ?)";
    private static final String INSERT_DECISION = "INSERT INTO tx_decisions (global_id, committed) VALUES (?, ?)";
    private static final String IS_PRIMARY = "SELECT NOT pg_is_in_recovery()";
    private static final String PREPARED_CAPACITY = "SELECT current_setting('max_prepared_transactions')::int, "
            + "(SELECT count(*) FROM pg_prepared_xacts)";
    private static final String LEDGER_MAX = "SELECT coalesce(max(substring(global_id FROM '^tx_([0-9]+)$')::bigint), 0) "
            + "FROM ledger";
    private static final String PREPARED_MAX = "SELECT coalesce(max(substring(gid FROM '^tx_([0-9]+)_')::bigint), 0) "
            + "FROM pg_prepared_xacts";
    private static final String DECISIONS_MAX = "SELECT coalesce(max(substring(global_id FROM '^tx_([0-9]+)$')::bigint), "
            + "0) FROM tx_decisions";

    /**
     * What to run.
     *
     * @param transactions global transactions committed everywhere (0 or more)
     * @param orphans      transactions left in doubt afterwards (0 or more), alternating the two kinds
     * @param seed         seed of the ledger amounts
     * @param uuidIds      random UUIDs as global ids instead of {@code tx_NNNN}
     */
    public record Options(int transactions, int orphans, long seed, boolean uuidIds) {

        /** The default number of committed transactions. */
        public static final int DEFAULT_TRANSACTIONS = 20;

        public Options {
            if (transactions < 0 || orphans < 0) {
                throw new IllegalArgumentException("transactions and orphans cannot be negative: " + transactions
                        + ", " + orphans);
            }
        }
    }

    private final SandboxInfo info;
    private final int connectTimeoutSeconds;
    private final int socketTimeoutSeconds;

    /** A workload against the sandbox {@code info} describes, with 5 s connect and 30 s statement timeouts. */
    public TwoPhaseWorkload(SandboxInfo info) {
        this(info, 5, 30);
    }

    TwoPhaseWorkload(SandboxInfo info, int connectTimeoutSeconds, int socketTimeoutSeconds) {
        this.info = info;
        this.connectTimeoutSeconds = connectTimeoutSeconds;
        this.socketTimeoutSeconds = socketTimeoutSeconds;
    }

    /**
     * Runs the workload and returns what it committed and left behind.
     *
     * @param progress a line per step, for a terminal
     * @throws SandboxException when the sandbox has no shard, no leader, a participant is unreachable, refuses
     *                          prepared transactions or has too few left, or a statement fails; the message names
     *                          the participant and what to do
     */
    public TwoPhaseResult run(Options options, Consumer<String> progress) {
        if (info.shards().isEmpty()) {
            throw new SandboxException("The sandbox in " + info.dir() + " has no shards, and two-phase commit needs "
                    + "at least two participants; start one with: pilothouse sandbox up --shards 2");
        }
        PgPassFile pgpass = readPgpass();
        List<Participant> participants = new ArrayList<>();
        participants.add(leader(pgpass));
        for (SandboxInfo.Shard s : info.shards()) {
            participants.add(new Participant(GlobalIds.requireSafe(s.name()), s.name(), s.pgHost(), s.pgPort()));
        }
        Participant coordinator = participants.get(0);
        progress.accept("Participants " + String.join(", ", participants.stream()
                .map(p -> p.name() + " (" + p.endpoint() + ")").toList()) + "; decision log tx_decisions on "
                + coordinator.name());

        Map<Participant, Connection> sessions = new LinkedHashMap<>();
        try (Connection log = connect(coordinator, info.appUser(), pgpass)) {
            for (Participant p : participants) {
                sessions.put(p, connect(p, info.appUser(), pgpass));
            }
            prepare(participants, sessions, log, options, pgpass);
            long next = options.uuidIds() ? 0 : highestNumberUsed(sessions, log) + 1;
            Random amounts = new Random(options.seed());

            List<String> committed = new ArrayList<>();
            for (int i = 0; i < options.transactions(); i++) {
                String globalId = options.uuidIds() ? UUID.randomUUID().toString() : GlobalIds.numbered(next++);
                prepareAll(globalId, sessions, amounts);
                decide(log, globalId, coordinator);
                commitOn(globalId, participants, sessions);
                committed.add(globalId);
            }
            if (!committed.isEmpty()) {
                progress.accept("Committed " + committed.size() + " transactions on every participant ("
                        + committed.get(0) + (committed.size() > 1 ? " to " + committed.get(committed.size() - 1) : "")
                        + ")");
            }

            List<Orphan> orphans = new ArrayList<>();
            for (int i = 0; i < options.orphans(); i++) {
                String globalId = options.uuidIds() ? UUID.randomUUID().toString() : GlobalIds.numbered(next++);
                OrphanKind kind = i % 2 == 0 ? OrphanKind.NO_DECISION : OrphanKind.PARTLY_COMMITTED;
                prepareAll(globalId, sessions, amounts);
                List<String> committedOn = List.of();
                if (kind == OrphanKind.PARTLY_COMMITTED) {
                    decide(log, globalId, coordinator);
                    commitOn(globalId, participants.subList(0, 1), sessions);
                    committedOn = List.of(coordinator.name());
                }
                List<Branch> left = new ArrayList<>();
                for (Participant p : participants) {
                    if (!committedOn.contains(p.name())) {
                        left.add(new Branch(p.name(), GlobalIds.branchGid(globalId, p.name())));
                    }
                }
                orphans.add(new Orphan(globalId, kind, kind == OrphanKind.PARTLY_COMMITTED, committedOn, left,
                        kind == OrphanKind.NO_DECISION ? Resolution.ROLLBACK : Resolution.COMMIT));
                progress.accept("Left " + globalId + " in doubt (" + kind.name().toLowerCase().replace('_', ' ')
                        + ") with branches on " + String.join(", ", left.stream().map(Branch::participant).toList()));
            }
            return new TwoPhaseResult(coordinator, participants, committed, orphans);
        } catch (SQLException e) {
            // Only the decision-log connection's close can get here; every other failure is already in words.
            throw new SandboxException("Lost the connection to the decision log on " + coordinator.name() + ": "
                    + e.getMessage(), e);
        } finally {
            sessions.values().forEach(TwoPhaseWorkload::closeQuietly);
        }
    }

    /** The HA cluster's participant: whichever member accepts writes now. */
    private Participant leader(PgPassFile pgpass) {
        List<String> tried = new ArrayList<>();
        for (SandboxInfo.Member m : info.members()) {
            Participant candidate = new Participant(GlobalIds.requireSafe(info.scope()), m.name(), m.pgHost(),
                    m.pgPort());
            try (Connection c = connect(candidate, info.appUser(), pgpass);
                 Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery(IS_PRIMARY)) {
                if (rs.next() && rs.getBoolean(1)) {
                    return candidate;
                }
                tried.add(m.name() + " is a standby");
            } catch (SandboxException e) {
                tried.add(m.name() + " is unreachable");
            } catch (SQLException e) {
                tried.add(m.name() + ": " + e.getMessage());
            }
        }
        throw new SandboxException("No member of " + info.scope() + " accepts writes (" + String.join("; ", tried)
                + "); wait for the cluster to elect a leader (pilothouse sandbox status) and try again");
    }

    /** Grants, tables, and the checks that every participant can hold the branches this run leaves behind. */
    private void prepare(List<Participant> participants, Map<Participant, Connection> sessions, Connection log,
                         Options options, PgPassFile pgpass) {
        // At most one committed transaction's branch is open at a time; every orphan keeps one per participant.
        int needed = options.orphans() + (options.transactions() > 0 ? 1 : 0);
        for (Participant p : participants) {
            try (Connection admin = connect(p, info.superuser(), pgpass);
                 Statement st = admin.createStatement()) {
                // PostgreSQL 15 no longer lets every role create tables in public.
                st.execute(String.format(GRANT_CREATE, SqlIdentifiers.quote(info.appUser())));
            } catch (SQLException e) {
                throw failure("grant " + info.appUser() + " CREATE on schema public", p, e);
            }
            Connection c = sessions.get(p);
            try (Statement st = c.createStatement()) {
                st.execute(LEDGER_DDL);
                try (ResultSet rs = st.executeQuery(PREPARED_CAPACITY)) {
                    rs.next();
                    int max = rs.getInt(1);
                    int held = rs.getInt(2);
                    if (max == 0) {
                        throw new SandboxException("max_prepared_transactions is 0 on " + p.name() + " ("
                                + p.endpoint() + "), so it refuses PREPARE TRANSACTION; set it above 0 and restart "
                                + "that server");
                    }
                    if (max - held < needed) {
                        throw new SandboxException(p.name() + " allows " + max + " prepared transactions and already "
                                + "holds " + held + "; this run needs " + needed + " more. Resolve the old ones "
                                + "(COMMIT PREPARED or ROLLBACK PREPARED) or ask for fewer orphans");
                    }
                }
            } catch (SQLException e) {
                throw failure("create the ledger table", p, e);
            }
        }
        try (Statement st = log.createStatement()) {
            st.execute(DECISIONS_DDL);
            // The in-doubt console reads the decision log as the monitoring role (indoubt.decision in a workspace).
            st.execute("GRANT SELECT ON tx_decisions TO " + SqlIdentifiers.quote(info.monitorUser()));
        } catch (SQLException e) {
            throw failure("create the decision log tx_decisions", participants.get(0), e);
        }
    }

    /** The highest {@code tx_NNNN} number in any ledger, prepared gid or decision; 0 on a fresh sandbox. */
    private static long highestNumberUsed(Map<Participant, Connection> sessions, Connection log) {
        long highest = 0;
        for (Map.Entry<Participant, Connection> e : sessions.entrySet()) {
            highest = Math.max(highest, single(e.getValue(), LEDGER_MAX, e.getKey(), "read the ledger"));
            highest = Math.max(highest, single(e.getValue(), PREPARED_MAX, e.getKey(), "read pg_prepared_xacts"));
        }
        Participant coordinator = sessions.keySet().iterator().next();
        return Math.max(highest, single(log, DECISIONS_MAX, coordinator, "read tx_decisions"));
    }

    private static long single(Connection c, String sql, Participant p, String what) {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw failure(what, p, e);
        }
    }

    /**
     * Phase one: a ledger row and {@code PREPARE TRANSACTION} on every participant. If one fails, the branches
     * already prepared are rolled back, as a coordinator that has decided nothing must do.
     */
    private static void prepareAll(String globalId, Map<Participant, Connection> sessions, Random amounts) {
        List<Participant> prepared = new ArrayList<>();
        for (Map.Entry<Participant, Connection> e : sessions.entrySet()) {
            Participant p = e.getKey();
            Connection c = e.getValue();
            String gid = GlobalIds.branchGid(globalId, p.name());
            try {
                c.setAutoCommit(false);
                try (PreparedStatement ps = c.prepareStatement(INSERT_LEDGER)) {
                    ps.setString(1, globalId);
                    ps.setInt(2, 1 + amounts.nextInt(999));
                    ps.setString(3, p.name());
                    ps.executeUpdate();
                }
                try (Statement st = c.createStatement()) {
                    st.execute("PREPARE TRANSACTION " + GlobalIds.literal(gid));
                }
                // PREPARE ended the transaction; COMMIT PREPARED must run outside one.
                c.setAutoCommit(true);
                prepared.add(p);
            } catch (SQLException ex) {
                rollbackQuietly(c);
                List<String> undone = rollbackPrepared(globalId, prepared, sessions);
                throw new SandboxException("PREPARE TRANSACTION " + gid + " failed on " + p.name() + " ("
                        + p.endpoint() + "): " + ex.getMessage() + (undone.isEmpty() ? ""
                        : "; rolled back its branches on " + String.join(", ", undone)), ex);
            }
        }
    }

    /** The coordinator's decision, committed before any branch is: from here on the transaction must commit. */
    private static void decide(Connection log, String globalId, Participant coordinator) {
        try (PreparedStatement ps = log.prepareStatement(INSERT_DECISION)) {
            ps.setString(1, globalId);
            ps.setBoolean(2, true);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("record the commit decision for " + globalId + " in tx_decisions (its branches stay "
                    + "prepared with no decision: roll them back)", coordinator, e);
        }
    }

    /** Phase two: {@code COMMIT PREPARED} on each of {@code on}. */
    private static void commitOn(String globalId, List<Participant> on, Map<Participant, Connection> sessions) {
        for (Participant p : on) {
            String gid = GlobalIds.branchGid(globalId, p.name());
            try (Statement st = sessions.get(p).createStatement()) {
                st.execute("COMMIT PREPARED " + GlobalIds.literal(gid));
            } catch (SQLException e) {
                throw failure("COMMIT PREPARED " + gid + " (the decision is commit: the branch is still prepared "
                        + "there and must be committed)", p, e);
            }
        }
    }

    private static List<String> rollbackPrepared(String globalId, List<Participant> prepared,
                                                 Map<Participant, Connection> sessions) {
        List<String> undone = new ArrayList<>();
        for (Participant p : prepared) {
            String gid = GlobalIds.branchGid(globalId, p.name());
            try (Statement st = sessions.get(p).createStatement()) {
                st.execute("ROLLBACK PREPARED " + GlobalIds.literal(gid));
                undone.add(p.name());
            } catch (SQLException e) {
                LOG.warn("ROLLBACK PREPARED {} on {} failed: {}", gid, p.name(), e.getMessage());
            }
        }
        return undone;
    }

    private Connection connect(Participant p, String user, PgPassFile pgpass) {
        Properties props = new Properties();
        props.setProperty("user", user);
        pgpass.find(p.host(), p.port(), DATABASE, user).ifPresent(m -> {
            props.setProperty("password", new String(m.password()));
            Arrays.fill(m.password(), '\0');
        });
        props.setProperty("connectTimeout", Integer.toString(connectTimeoutSeconds));
        props.setProperty("loginTimeout", Integer.toString(connectTimeoutSeconds));
        props.setProperty("socketTimeout", Integer.toString(socketTimeoutSeconds));
        props.setProperty("ApplicationName", "pilothouse-2pc-workload");
        try {
            return DriverManager.getConnection("jdbc:postgresql://" + p.host() + ":" + p.port() + "/" + DATABASE,
                    props);
        } catch (SQLException e) {
            throw new SandboxException("Cannot connect to " + p.name() + " (" + p.server() + " at " + p.endpoint()
                    + ") as " + user + ": " + e.getMessage() + "; is the sandbox running? (pilothouse sandbox status "
                    + "--dir " + info.dir() + ")", e);
        }
    }

    private PgPassFile readPgpass() {
        try {
            return PgPassFile.parse(Files.readString(info.passfile()));
        } catch (IOException e) {
            throw new SandboxException("Cannot read the sandbox's pgpass " + info.passfile() + ": " + e.getMessage(),
                    e);
        }
    }

    private static SandboxException failure(String what, Participant p, SQLException e) {
        return new SandboxException("Could not " + what + " on " + p.name() + " (" + p.endpoint() + "): "
                + e.getMessage(), e);
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
            c.setAutoCommit(true);
        } catch (SQLException e) {
            LOG.debug("rollback after a failed branch: {}", e.getMessage());
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            LOG.debug("closing a workload connection: {}", e.getMessage());
        }
    }
}
