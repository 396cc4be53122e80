package io.pilothouse.services.sandbox.sharding;

import io.pilothouse.services.postgres.SqlIdentifiers;
import io.pilothouse.services.postgres.SqlLiterals;
import io.pilothouse.services.sandbox.SandboxException;
import io.pilothouse.services.sandbox.SandboxInfo;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Makes a sandbox's HA cluster leader a postgres_fdw <em>coordinator</em> over its shards and loads a demo schema.
 *
 * <p>On the coordinator, in database {@code postgres}: extension {@code postgres_fdw}, one foreign server per shard
 * (named like the shard) with user mappings for the superuser and {@code app}, and schema {@code demo} with
 * <ul>
 *   <li>{@code demo.orders}, hash-partitioned on {@code user_id} into {@value #ORDER_PARTITIONS} partitions
 *       {@code orders_p0..p7}: remainders 0 and 1 local, the others round-robin over the shards as foreign tables
 *       onto {@code demo.orders_pK} there;</li>
 *   <li>{@code demo.events}, range-partitioned by month on {@code happened_at}: the last six months plus a default
 *       partition, all local;</li>
 *   <li>sequence {@code demo.order_ids} past the highest loaded order id, for the orders workload.</li>
 * </ul>
 * Rows are generated on the node that holds each partition ({@code INSERT … SELECT generate_series}), not routed
 * through the coordinator: the coordinator only tells which user ids hash to which partition. Four fifths of the
 * rows go to orders, the rest to events; everything is analysed afterwards.
 *
 * <p>Running it again drops and recreates {@code demo} and the foreign servers on every node, so nothing is
 * duplicated. Note that a user mapping keeps its password in the coordinator's catalog: that is how postgres_fdw
 * authenticates to the shards. Passwords are never logged.
 */
public final class ShardedSchema {

    /** Hash partitions of {@code demo.orders}. */
    public static final int ORDER_PARTITIONS = 8;
    /** Remainders kept on the coordinator; the others go to the shards. */
    public static final int LOCAL_PARTITIONS = 2;
    /** Monthly partitions of {@code demo.events}, besides the default one. */
    public static final int EVENT_MONTHS = 6;
    /** Default total of rows. */
    public static final long DEFAULT_ROWS = 1_000_000;
    /** Distinct user ids the loaded orders use (fewer when there are fewer orders). */
    public static final int USERS = 100_000;

    static final String APPLICATION = "pilothouse-sharded-schema";

    private static final String[] STATUSES = {"new", "paid", "shipped", "delivered", "cancelled"};
    private static final String[] KINDS = {"login", "view", "cart", "checkout", "logout"};

    private static final String ORDERS_COLUMNS = "(order_id bigint NOT NULL, user_id bigint NOT NULL, "
            + "amount numeric(12,2), created_at timestamptz, status text)";
    private static final String EVENTS_COLUMNS = "(event_id bigint NOT NULL, happened_at timestamptz NOT NULL, "
            + "kind text, payload text)";
    /** Which loaded user ids fall into which hash partition, as the coordinator's own partitioning computes it. */
    private static final String USERS_BY_REMAINDER = "SELECT r, array_agg(u ORDER BY u) FROM generate_series(1::bigint, ?) u, "
            + "generate_series(0, " + (ORDER_PARTITIONS - 1) + ") r "
            + "WHERE satisfies_hash_partition('demo.orders'::regclass, " + ORDER_PARTITIONS + ", r, u) "
            + "GROUP BY r";
    /** Order ids {@code ?..?}, users from the array, deterministic amounts, times over the last 180 days. */
    private static final String LOAD_ORDERS = "INSERT INTO %s SELECT g, (?::bigint[])[1 + g %% ?], "
            + "round((1 + (g * 7919) %% 99900) / 100.0, 2), now() - ((g * 7919) %% 15552000) * interval '1 second', "
            + "(?::text[])[1 + g %% " + STATUSES.length + "] FROM generate_series(?::bigint, ?::bigint) g";
    private static final String LOAD_EVENTS = "INSERT INTO demo.events SELECT g, "
            + "?::timestamptz + (g * ?::float8) * interval '1 second', (?::text[])[1 + g % " + KINDS.length + "], "
            + "'payload ' || g FROM generate_series(1, ?::bigint) g";

    /**
     * What was built.
     *
     * @param coordinator the HA cluster leader that holds the foreign servers
     * @param partitions  {@code demo.orders}'s partitions in remainder order
     * @param rowsByNode  orders rows per node name (coordinator first), from the nodes' own tables
     * @param orders      orders rows in total
     * @param events      events rows in total
     * @param loadMillis  time spent inserting rows
     * @param totalMillis time spent on everything, DDL and ANALYZE included
     */
    public record Result(Node coordinator, List<Partition> partitions, Map<String, Long> rowsByNode, long orders,
                         long events, long loadMillis, long totalMillis) {
    }

    /**
     * A partition of {@code demo.orders}.
     *
     * @param name      {@code orders_pK}
     * @param remainder K
     * @param node      where its rows are
     * @param foreign   true when it is a foreign table on the coordinator
     */
    public record Partition(String name, int remainder, Node node, boolean foreign) {

        /** {@code demo."orders_p3"}: the name as it goes into SQL. */
        String qualifiedName() {
            return "demo." + SqlIdentifiers.quote(name);
        }
    }

    private final SandboxInfo info;

    /** The schema for the sandbox {@code info} describes. */
    public ShardedSchema(SandboxInfo info) {
        this.info = info;
    }

    /** Where each remainder lives: 0 and 1 on the coordinator, then round-robin over the shards. */
    static List<Partition> layout(Node coordinator, List<Node> shards) {
        List<Partition> partitions = new ArrayList<>();
        for (int k = 0; k < ORDER_PARTITIONS; k++) {
            boolean local = k < LOCAL_PARTITIONS || shards.isEmpty();
            Node node = local ? coordinator : shards.get((k - LOCAL_PARTITIONS) % shards.size());
            partitions.add(new Partition("orders_p" + k, k, node, !local));
        }
        return partitions;
    }

    /**
     * Drops whatever an earlier run built and builds the schema with about {@code rows} rows.
     *
     * @throws SandboxException when the sandbox has no shard, no leader, or a node refuses a statement; the message
     *                          names the node and what to do
     */
    public Result create(long rows, Consumer<String> progress) {
        if (rows < 0) {
            throw new IllegalArgumentException("rows cannot be negative: " + rows);
        }
        if (info.shards().isEmpty()) {
            throw new SandboxException("The sandbox in " + info.dir() + " has no shards to spread demo.orders over; "
                    + "start one with: pilothouse sandbox up --shards 2");
        }
        long t0 = System.nanoTime();
        Node coordinator = Node.leader(info, APPLICATION);
        List<Node> shards = Node.shards(info, APPLICATION);
        List<Partition> partitions = layout(coordinator, shards);
        progress.accept("Coordinator " + coordinator.name() + " (" + coordinator.endpoint() + ") over "
                + String.join(", ", shards.stream().map(s -> s.name() + " (" + s.endpoint() + ")").toList()));

        Map<Node, Connection> sessions = new LinkedHashMap<>();
        try {
            sessions.put(coordinator, coordinator.connect(info, info.superuser(), APPLICATION, 600));
            for (Node s : shards) {
                sessions.put(s, s.connect(info, info.superuser(), APPLICATION, 600));
            }
            Connection coord = sessions.get(coordinator);
            for (Node s : shards) {
                createShardTables(sessions.get(s), s, partitions);
            }
            createCoordinator(coord, coordinator, shards, partitions);
            progress.accept("Schema demo: orders in " + ORDER_PARTITIONS + " hash partitions ("
                    + String.join(", ", partitions.stream().map(p -> p.name() + "@" + p.node().name()).toList())
                    + "), events in " + EVENT_MONTHS + " monthly partitions + default");

            long orderRows = rows * 4 / 5;
            long eventRows = rows - orderRows;
            long l0 = System.nanoTime();
            loadOrders(sessions, coordinator, partitions, orderRows);
            loadEvents(coord, coordinator, eventRows);
            long loadMillis = (System.nanoTime() - l0) / 1_000_000;
            progress.accept(String.format("Loaded %,d orders and %,d events in %.1f s", orderRows, eventRows,
                    loadMillis / 1000.0));

            for (Node s : shards) {
                exec(sessions.get(s), s, "analyse", "ANALYZE");
            }
            exec(coord, coordinator, "analyse demo", "ANALYZE demo.orders", "ANALYZE demo.events");

            Map<String, Long> byNode = new LinkedHashMap<>();
            for (Partition p : partitions) {
                long n = count(sessions.get(p.node()), p.node(), p.qualifiedName());
                byNode.merge(p.node().name(), n, Long::sum);
            }
            long events = count(coord, coordinator, "demo.events");
            long total = byNode.values().stream().mapToLong(Long::longValue).sum();
            return new Result(coordinator, partitions, byNode, total, events, loadMillis,
                    (System.nanoTime() - t0) / 1_000_000);
        } finally {
            sessions.values().forEach(ShardedSchema::closeQuietly);
        }
    }

    private void createShardTables(Connection c, Node shard, List<Partition> partitions) {
        String app = SqlIdentifiers.quote(info.appUser());
        List<String> ddl = new ArrayList<>(List.of("DROP SCHEMA IF EXISTS demo CASCADE", "CREATE SCHEMA demo"));
        for (Partition p : partitions) {
            if (p.node().equals(shard)) {
                ddl.add("CREATE TABLE " + p.qualifiedName() + " " + ORDERS_COLUMNS);
                ddl.add("ALTER TABLE " + p.qualifiedName() + " ADD PRIMARY KEY (order_id)");
            }
        }
        ddl.add("GRANT USAGE ON SCHEMA demo TO " + app);
        ddl.add("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA demo TO " + app);
        exec(c, shard, "create the shard's tables in schema demo", ddl.toArray(String[]::new));
    }

    private void createCoordinator(Connection c, Node coordinator, List<Node> shards, List<Partition> partitions) {
        String app = SqlIdentifiers.quote(info.appUser());
        List<String> ddl = new ArrayList<>(List.of("DROP SCHEMA IF EXISTS demo CASCADE",
                "CREATE EXTENSION IF NOT EXISTS postgres_fdw"));
        // Under --tls the coordinator verifies its shards as the app does (and a move's subscription takes these
        // options: a server's own client connections are held to verify-full too, never libpq's silent "prefer").
        String tls = info.tlsCaFile().map(ca -> ", sslmode 'verify-full', sslrootcert "
                + SqlLiterals.quote(ca.toString())).orElse("");
        for (Node s : shards) {
            String server = SqlIdentifiers.quote(s.name());
            ddl.add("DROP SERVER IF EXISTS " + server + " CASCADE");
            // batch_size lets the workload's inserts and any routed INSERT … SELECT travel in batches. A shard
            // cluster gets all its members and libpq picks the primary, so its switchover does not strand the
            // coordinator (postgres_fdw passes libpq's options through).
            ddl.add("CREATE SERVER " + server + " FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host "
                    + SqlLiterals.quote(s.serverHost()) + ", port " + SqlLiterals.quote(s.serverPort())
                    + (s.members().isEmpty() ? "" : ", target_session_attrs 'read-write'")
                    + ", dbname " + SqlLiterals.quote(Node.DATABASE) + tls + ", batch_size '1000', fetch_size '1000')");
            for (String role : List.of(info.superuser(), info.appUser())) {
                String password = s.password(info, role).orElseThrow(() -> new SandboxException("The sandbox's "
                        + "pgpass " + info.passfile() + " has no password for " + role + " on " + s.name() + " ("
                        + s.endpoint() + "); recreate the sandbox"));
                ddl.add("CREATE USER MAPPING FOR " + SqlIdentifiers.quote(role) + " SERVER " + server
                        + " OPTIONS (user " + SqlLiterals.quote(role) + ", password " + SqlLiterals.quote(password)
                        + ")");
            }
        }
        ddl.add("CREATE SCHEMA demo");
        ddl.add("CREATE TABLE demo.orders " + ORDERS_COLUMNS + " PARTITION BY HASH (user_id)");
        for (Partition p : partitions) {
            String bounds = " PARTITION OF demo.orders FOR VALUES WITH (MODULUS " + ORDER_PARTITIONS + ", REMAINDER "
                    + p.remainder() + ")";
            if (p.foreign()) {
                ddl.add("CREATE FOREIGN TABLE " + p.qualifiedName() + bounds + " SERVER "
                        + SqlIdentifiers.quote(p.node().name()) + " OPTIONS (schema_name 'demo', table_name "
                        + SqlLiterals.quote(p.name()) + ")");
            } else {
                ddl.add("CREATE TABLE " + p.qualifiedName() + bounds);
                ddl.add("ALTER TABLE " + p.qualifiedName() + " ADD PRIMARY KEY (order_id)");
            }
        }
        ddl.add("CREATE TABLE demo.events " + EVENTS_COLUMNS + " PARTITION BY RANGE (happened_at)");
        YearMonth first = YearMonth.now().minusMonths(EVENT_MONTHS - 1L);
        for (int i = 0; i < EVENT_MONTHS; i++) {
            YearMonth month = first.plusMonths(i);
            String name = "events_" + month.getYear() + "_" + String.format("%02d", month.getMonthValue());
            ddl.add("CREATE TABLE demo." + SqlIdentifiers.quote(name) + " PARTITION OF demo.events FOR VALUES FROM ("
                    + SqlLiterals.quote(month.atDay(1).toString()) + ") TO ("
                    + SqlLiterals.quote(month.plusMonths(1).atDay(1).toString()) + ")");
        }
        ddl.add("CREATE TABLE demo.events_default PARTITION OF demo.events DEFAULT");
        ddl.add("CREATE SEQUENCE demo.order_ids");
        ddl.add("GRANT USAGE ON SCHEMA demo TO " + app);
        ddl.add("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA demo TO " + app);
        ddl.add("GRANT USAGE, SELECT ON SEQUENCE demo.order_ids TO " + app);
        exec(c, coordinator, "create the coordinator's foreign servers and schema demo", ddl.toArray(String[]::new));
    }

    /**
     * Splits order ids {@code 1..rows} over the partitions in proportion to how many users hash to each, and
     * generates each partition's rows on the node that holds it.
     */
    private void loadOrders(Map<Node, Connection> sessions, Node coordinator, List<Partition> partitions,
                            long rows) {
        Connection coord = sessions.get(coordinator);
        int users = (int) Math.max(ORDER_PARTITIONS * 4L, Math.min(USERS, rows));
        Map<Integer, Long[]> usersByRemainder = new HashMap<>();
        try (PreparedStatement ps = coord.prepareStatement(USERS_BY_REMAINDER)) {
            ps.setLong(1, users);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    usersByRemainder.put(rs.getInt(1), (Long[]) rs.getArray(2).getArray());
                }
            }
        } catch (SQLException e) {
            throw failure("work out which users hash to which partition", coordinator, e);
        }
        long next = 1;
        long assigned = 0;
        for (Partition p : partitions) {
            Long[] ids = usersByRemainder.getOrDefault(p.remainder(), new Long[0]);
            long share = p.remainder() == ORDER_PARTITIONS - 1 ? rows - assigned : rows * ids.length / users;
            assigned += share;
            if (share == 0 || ids.length == 0) {
                continue;
            }
            Connection c = sessions.get(p.node());
            try (PreparedStatement ps = c.prepareStatement(String.format(LOAD_ORDERS, p.qualifiedName()))) {
                Array userArray = c.createArrayOf("bigint", ids);
                ps.setArray(1, userArray);
                ps.setInt(2, ids.length);
                ps.setArray(3, c.createArrayOf("text", STATUSES));
                ps.setLong(4, next);
                ps.setLong(5, next + share - 1);
                ps.executeUpdate();
            } catch (SQLException e) {
                throw failure("load " + p.name(), p.node(), e);
            }
            next += share;
        }
        try (PreparedStatement ps = coord.prepareStatement("SELECT setval('demo.order_ids', ?)")) {
            ps.setLong(1, Math.max(1, next - 1));
            ps.executeQuery().close();
        } catch (SQLException e) {
            throw failure("set demo.order_ids", coordinator, e);
        }
    }

    /** Events spread evenly from a month before the first monthly partition (so the default one gets rows) to now. */
    private static void loadEvents(Connection c, Node coordinator, long rows) {
        if (rows == 0) {
            return;
        }
        LocalDate start = YearMonth.now().minusMonths(EVENT_MONTHS).atDay(1);
        long seconds = java.time.Duration.between(start.atStartOfDay(java.time.ZoneOffset.UTC),
                java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC)).getSeconds();
        try (PreparedStatement ps = c.prepareStatement(LOAD_EVENTS)) {
            ps.setString(1, start.toString() + " 00:00:00+00");
            ps.setDouble(2, (double) seconds / rows);
            ps.setArray(3, c.createArrayOf("text", KINDS));
            ps.setLong(4, rows);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("load demo.events", coordinator, e);
        }
    }

    private static long count(Connection c, Node node, String table) {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw failure("count " + table, node, e);
        }
    }

    private static void exec(Connection c, Node node, String what, String... statements) {
        String current = "";
        try (Statement st = c.createStatement()) {
            for (String sql : statements) {
                current = sql;
                st.execute(sql);
            }
        } catch (SQLException e) {
            // Never echo a user mapping: it holds a password.
            String shown = current.startsWith("CREATE USER MAPPING") ? "CREATE USER MAPPING …" : current;
            throw new SandboxException("Could not " + what + " on " + node.name() + " (" + node.endpoint() + "): "
                    + e.getMessage() + " [" + shown + "]", e);
        }
    }

    private static SandboxException failure(String what, Node node, SQLException e) {
        return new SandboxException("Could not " + what + " on " + node.name() + " (" + node.endpoint() + "): "
                + e.getMessage(), e);
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // Nothing left to do with a connection that will not close.
        }
    }
}
