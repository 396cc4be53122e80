package io.pilothouse.services.reshard;

import io.pilothouse.services.model.EstateSnapshot;
import io.pilothouse.services.shards.map.ShardNodeConnector;
import io.pilothouse.services.shards.partitions.ServerEndpoints;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads the coordinator, the source and the target and decides a {@link MovePlan}, refusing with a
 * {@link ReshardException} (what, where, what to do) anything the move cannot do safely. Changes nothing.
 */
public final class MovePlanner {

    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd't'HHmmss")
            .withZone(ZoneOffset.UTC);
    private static final int MAX_IDENTIFIER = 63;
    /** How long a foreign server's node may stay unknown to the live estate before the plan refuses it. */
    private static final java.time.Duration NODE_KNOWN_WAIT = java.time.Duration.ofSeconds(10);

    private final ReshardConnections connections;
    private final ShardNodeConnector nodes;
    private final Clock clock;
    private final Supplier<EstateSnapshot> estate;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param estate the live model: of a foreign server naming several hosts (a shard cluster's members), the one its
     *               cluster's leader is at now is the node
     */
    public MovePlanner(ReshardConnections connections, ShardNodeConnector nodes, Clock clock,
                       Supplier<EstateSnapshot> estate) {
        this.connections = connections;
        this.nodes = nodes;
        this.clock = clock;
        this.estate = estate;
    }

    /** The plan for {@code request}; nothing is changed anywhere. */
    public MovePlan plan(MoveRequest request) {
        if (request.partition() == null || request.partition().isBlank()) {
            throw ReshardException.badInput("Name the partition to move, e.g. demo.orders_p3.");
        }
        if (request.targetServer() == null || request.targetServer().isBlank()) {
            throw ReshardException.badInput("Name the target: the coordinator's foreign server for the node the partition "
                    + "goes to (pilothouse shards lists them).");
        }
        ReshardNode coordinator = request.coordinator();
        PartitionFacts partition;
        ReshardNode target;
        List<String> partitionGrants;
        try (Connection c = open(coordinator, request.user())) {
            partition = partition(c, request, coordinator);
            refuseParentUniqueIndexes(c, partition);
            target = server(c, request.targetServer().trim(), coordinator);
            partitionGrants = grants(c, partition.name(), partition.name());
        } catch (SQLException e) {
            throw failure("read the partition on the coordinator", coordinator, e);
        }
        if (target.sameDatabaseAs(partition.source())) {
            throw ReshardException.badInput(partition.name() + " is already on " + target.describe() + "; choose another "
                    + "target.");
        }
        if (target.sameDatabaseAs(coordinator)) {
            throw ReshardException.badInput("Server " + request.targetServer() + " points back at the coordinator "
                    + coordinator.describe() + "; a partition can only move to another node.");
        }
        List<String> notes = new ArrayList<>();
        SourceFacts source = source(partition, request.user());
        List<String> ddl = targetDdl(partition.remote(), source, target, request.user(), notes);
        String id = ID_TIME.format(clock.instant()) + "_" + HexFormat.of().toHexDigits((short) random.nextInt());
        String kept = kept(partition.remote().name(), id);
        SubscriptionConnection.subscriptionTls(partition.source(), target).ifPresentOrElse(tls -> { }, () -> notes.add(
                "The coordinator's foreign server for " + partition.source().label() + " sets no sslmode, so the "
                + "subscription on " + target.label() + " connects with libpq's default (prefer: encrypted if the "
                + "server offers it, its certificate unchecked); set sslmode 'verify-full' and sslrootcert on "
                + "the foreign server (ALTER SERVER … OPTIONS (ADD sslmode …)) to have it verified."));
        notes.add("Only the table is recreated on the target: columns, primary key, unique and check constraints, "
                + "indexes, owner and grants; column defaults, triggers and foreign keys are not copied.");
        return new MovePlan(id, request.cluster(), coordinator, partition.parent(), partition.name(),
                partition.bound(), partition.foreign(), partition.source(), partition.remote(), target,
                request.targetServer().trim(), partition.remote(), kept, request.user(), ddl, partitionGrants,
                source.rows(), source.bytes(), Instant.now(clock), notes, null);
    }

    private PartitionFacts partition(Connection c, MoveRequest request, ReshardNode coordinator) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(MoveStatements.PARTITION)) {
            ps.setString(1, request.partition().trim());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw ReshardException.badInput(request.partition() + " is not a partition on the coordinator "
                            + coordinator.describe() + "; pilothouse shards lists the partitions.");
                }
                QualifiedName parent = new QualifiedName(rs.getString(1), rs.getString(2));
                QualifiedName name = new QualifiedName(rs.getString(3), rs.getString(4));
                String kind = rs.getString(5);
                if ("p".equals(kind)) {
                    throw ReshardException.refused(name + " is itself partitioned; move its partitions one by one.");
                }
                if (!"r".equals(kind) && !"f".equals(kind)) {
                    throw ReshardException.refused(name + " is neither a table nor a foreign table (relkind " + kind
                            + "); only those can move.");
                }
                String bound = rs.getString(6);
                if (!"f".equals(kind)) {
                    return new PartitionFacts(parent, name, bound, false, coordinator, name);
                }
                Map<String, String> table = ServerOptions.parse(rs.getArray(9));
                ReshardNode source = node(rs.getString(7), ServerOptions.parse(rs.getArray(8)), coordinator);
                QualifiedName remote = new QualifiedName(table.getOrDefault("schema_name", name.schema()),
                        table.getOrDefault("table_name", name.name()));
                return new PartitionFacts(parent, name, bound, true, source, remote);
            }
        }
    }

    /**
     * Refuses, before anything is copied, a move whose parent has a unique index: PostgreSQL cannot keep one over a
     * foreign partition, so attaching the moved partition as a foreign table at the cutover would fail, after the
     * whole copy, every time.
     */
    private static void refuseParentUniqueIndexes(Connection c, PartitionFacts partition) throws SQLException {
        List<String> found = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(MoveStatements.PARENT_UNIQUE_INDEXES)) {
            ps.setString(1, partition.parent().sql());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String constraint = rs.getString(3);
                    found.add(rs.getString(1) + (constraint == null ? "" : " (constraint " + constraint + ")")
                            + ": " + rs.getString(2));
                }
            }
        }
        if (!found.isEmpty()) {
            throw ReshardException.refused(partition.parent() + " has " + (found.size() == 1 ? "a unique index"
                    : found.size() + " unique indexes") + ", " + String.join("; ", found) + ". PostgreSQL cannot "
                    + "keep a unique index on a partitioned table over a foreign partition, so the cutover "
                    + "(attaching " + partition.name() + " as a foreign table) would fail after the whole copy. "
                    + "Drop it on the parent (DROP INDEX, or ALTER TABLE " + partition.parent()
                    + " DROP CONSTRAINT) and keep uniqueness with a unique index on each partition's table (one "
                    + "that includes the partition key is unique across the table), or leave the partition where "
                    + "it is. Nothing was copied.");
        }
    }

    private ReshardNode server(Connection c, String server, ReshardNode coordinator) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(MoveStatements.SERVER)) {
            ps.setString(1, server);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw ReshardException.badInput("The coordinator " + coordinator.describe() + " has no foreign server "
                            + server + "; create one for the target node (CREATE SERVER … FOREIGN DATA WRAPPER "
                            + "postgres_fdw) with user mappings, or name an existing one.");
                }
                if (!"postgres_fdw".equals(rs.getString(2))) {
                    throw ReshardException.refused("Foreign server " + server + " uses " + rs.getString(2)
                            + ", not postgres_fdw; only postgres_fdw shards can be moved to.");
                }
                return node(server, ServerOptions.parse(rs.getArray(1)), coordinator);
            }
        }
    }

    /**
     * The node a postgres_fdw server reaches, and the workspace source that knows it; of a server naming several hosts,
     * the one that is primary now.
     */
    private ReshardNode node(String server, Map<String, String> options, ReshardNode coordinator) {
        String hosts = options.get("host");
        String db = options.get("dbname");
        if (hosts == null || hosts.isBlank() || db == null || db.isBlank()) {
            throw new ReshardException("Foreign server " + server + " on " + coordinator.describe() + " does not name "
                    + "its host and dbname; set them (ALTER SERVER " + server + " OPTIONS (ADD host '…', ADD dbname '…')).");
        }
        ServerEndpoints.Endpoint endpoint = ServerEndpoints.parse(hosts, options.get("port"))
                .map(endpoints -> ServerEndpoints.current(endpoints, estate.get()))
                .orElseThrow(() -> new ReshardException("Foreign server " + server + " has port '"
                        + options.get("port") + "', not a number (or not one per host '" + hosts
                        + "'); fix it with ALTER SERVER."));
        String host = endpoint.host();
        int port = endpoint.port();
        String source = awaitSourceAt(host, port).orElseThrow(() -> new ReshardException("No workspace source has "
                + "a node at " + host + ":" + port + " (foreign server " + server + "); add it to the workspace so "
                + "Pilothouse can reach it."));
        return new ReshardNode(server, source, host, port, db, ReshardNode.tlsOf(options));
    }

    /**
     * The workspace source with a node at {@code host:port}. A one-shot command plans as soon as it knows the
     * coordinator, which a Patroni REST seed can tell before etcd has named the shard clusters' members: a node not
     * known yet is looked for again, for up to {@link #NODE_KNOWN_WAIT}, before it counts as unknown.
     */
    private Optional<String> awaitSourceAt(String host, int port) {
        long deadline = System.nanoTime() + NODE_KNOWN_WAIT.toNanos();
        Optional<String> source = nodes.sourceAt(host, port);
        while (source.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return source;
            }
            source = nodes.sourceAt(host, port);
        }
        return source;
    }

    private SourceFacts source(PartitionFacts partition, String user) {
        ReshardNode node = partition.source();
        QualifiedName table = partition.remote();
        try (Connection c = open(node, user)) {
            String walLevel = single(c, MoveStatements.SETTING, "wal_level");
            if (!"logical".equals(walLevel)) {
                throw ReshardException.refused(node.describe() + " has wal_level = " + walLevel + "; a move replicates "
                        + "the partition logically: set wal_level = logical there and restart it.");
            }
            long bytes;
            long rows;
            String identity;
            try (PreparedStatement ps = c.prepareStatement(MoveStatements.TABLE_SIZE)) {
                ps.setString(1, table.sql());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || rs.getString(3) == null) {
                        throw new ReshardException(partition.name() + " points at " + table + " on "
                                + node.describe() + ", which does not exist there; fix the foreign table first.");
                    }
                    bytes = rs.getLong(1);
                    rows = rs.getLong(2);
                    identity = rs.getString(3);
                }
            }
            List<MoveStatements.Column> columns = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(MoveStatements.COLUMNS)) {
                ps.setString(1, table.sql());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        columns.add(new MoveStatements.Column(rs.getString(1), rs.getString(2), rs.getBoolean(3)));
                    }
                }
            }
            List<String[]> constraints = new ArrayList<>();
            boolean primaryKey = false;
            try (PreparedStatement ps = c.prepareStatement(MoveStatements.CONSTRAINTS)) {
                ps.setString(1, table.sql());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        constraints.add(new String[] {rs.getString(1), rs.getString(2)});
                        primaryKey |= "p".equals(rs.getString(3));
                    }
                }
            }
            if ("n".equals(identity) || ("d".equals(identity) && !primaryKey)) {
                throw ReshardException.refused(table + " on " + node.describe() + " has no primary key (replica "
                        + "identity " + identity + "): once published, its UPDATEs and DELETEs would fail. Add a "
                        + "primary key, or ALTER TABLE … REPLICA IDENTITY FULL, then plan again.");
            }
            List<String> indexes = strings(c, MoveStatements.INDEXES, table.sql());
            String owner = single(c, MoveStatements.OWNER, table.sql());
            return new SourceFacts(columns, constraints, indexes, owner, grantRows(c, table), rows, bytes);
        } catch (SQLException e) {
            throw failure("read " + table, node, e);
        }
    }

    private List<String> targetDdl(QualifiedName table, SourceFacts source, ReshardNode target, String user,
                                   List<String> notes) {
        List<String> ddl = new ArrayList<>();
        ddl.add(MoveStatements.createSchema(table.schema()));
        ddl.add(MoveStatements.createTable(table, source.columns()));
        try (Connection c = open(target, user)) {
            for (String[] k : source.constraints()) {
                // A table kept by an earlier move off this node still owns its index names (renaming a table does
                // not rename them): give the new constraint another name rather than fail half-way.
                String name = k[0];
                if (bool(c, MoveStatements.TABLE_EXISTS, table.withName(name).sql())) {
                    name = MovePlanner.kept(k[0], "n" + Long.toString(clock.millis() % 1_000_000, 36));
                    notes.add("Constraint " + k[0] + " is named " + name + " on " + target.label() + ": a relation "
                            + "named " + k[0] + " already exists there.");
                }
                ddl.add(MoveStatements.addConstraint(table, name, k[1]));
            }
            for (String index : source.indexes()) {
                ddl.add(index);
            }
            if (bool(c, MoveStatements.TABLE_EXISTS, table.sql())) {
                throw ReshardException.refused(target.describe() + " already has a table " + table + "; drop or rename "
                        + "it there, or move to another node.");
            }
            if (bool(c, MoveStatements.ROLE_EXISTS, source.owner())) {
                ddl.add(MoveStatements.owner(table, source.owner()));
            } else {
                notes.add("Role " + source.owner() + " (the owner on the source) does not exist on "
                        + target.describe() + "; the table will belong to " + user + ".");
            }
            for (String[] g : source.grants()) {
                if (g[0] == null || bool(c, MoveStatements.ROLE_EXISTS, g[0])) {
                    ddl.add(MoveStatements.grant(table, g[1], g[0]));
                } else {
                    notes.add("Role " + g[0] + " does not exist on " + target.describe() + "; its " + g[1]
                            + " grant is not copied.");
                }
            }
        } catch (SQLException e) {
            throw failure("check the target", target, e);
        }
        return ddl;
    }

    private List<String> grants(Connection c, QualifiedName from, QualifiedName to) throws SQLException {
        List<String> statements = new ArrayList<>();
        for (String[] g : grantRows(c, from)) {
            statements.add(MoveStatements.grant(to, g[1], g[0]));
        }
        return statements;
    }

    private static List<String[]> grantRows(Connection c, QualifiedName table) throws SQLException {
        List<String[]> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(MoveStatements.GRANTS)) {
            ps.setString(1, table.sql());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        return rows;
    }

    /** {@code orders_p3_moved_<id>}, the base shortened so the whole fits PostgreSQL's 63 bytes. */
    static String kept(String base, String id) {
        String suffix = "_moved_" + id;
        String head = base;
        while (head.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + suffix.length() > MAX_IDENTIFIER) {
            head = head.substring(0, head.length() - 1);
        }
        return head + suffix;
    }

    private Connection open(ReshardNode node, String user) {
        try {
            return connections.open(node, user);
        } catch (SQLException e) {
            throw failure("connect as " + user, node, e);
        }
    }

    static ReshardException failure(String what, ReshardNode node, SQLException e) {
        return new ReshardException("Could not " + what + " on " + node.describe() + ": " + e.getMessage(), e);
    }

    static String single(Connection c, String sql, String parameter) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    static boolean bool(Connection c, String sql, String parameter) throws SQLException {
        String value = single(c, sql, parameter);
        return "t".equals(value) || "true".equals(value);
    }

    private static List<String> strings(Connection c, String sql, String parameter) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private record PartitionFacts(QualifiedName parent, QualifiedName name, String bound, boolean foreign,
                                  ReshardNode source, QualifiedName remote) {
    }

    private record SourceFacts(List<MoveStatements.Column> columns, List<String[]> constraints, List<String> indexes,
                               String owner, List<String[]> grants, long rows, long bytes) {
    }
}
