package io.pilothouse.services.reshard;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plans a split: everything a move of the partition to the target would need, plus the halving — hash partitions
 * only, keyed on one plain column with its type's default hash opclass (so a helper table on the source hashes
 * exactly as the coordinator does).
 */
public final class SplitPlanner {

    private static final Pattern HASH_BOUND = Pattern.compile(
            "FOR VALUES WITH \\(modulus (\\d+), remainder (\\d+)\\)", Pattern.CASE_INSENSITIVE);
    private static final Pattern TRAILING_NUMBER = Pattern.compile("^(.*?)(\\d+)$");

    private final ReshardConnections connections;
    private final MovePlanner moves;

    public SplitPlanner(ReshardConnections connections, MovePlanner moves) {
        this.connections = connections;
        this.moves = moves;
    }

    /**
     * The plan for splitting {@code request.partition()} in two, the new half going to {@code request.targetServer()}.
     *
     * @param newName the new partition's name (same schema), or null for the partition's name with its trailing
     *                number replaced by the new remainder ({@code orders_p3} → {@code orders_p11})
     */
    public MovePlan plan(MoveRequest request, String newName) {
        MovePlan move = moves.plan(request);
        Matcher bound = HASH_BOUND.matcher(move.bound() == null ? "" : move.bound());
        if (!bound.matches()) {
            throw ReshardException.refused(move.partition() + " is not a hash partition (" + move.bound() + "); only "
                    + "hash partitions split in two.");
        }
        int modulus = Integer.parseInt(bound.group(1));
        int remainder = Integer.parseInt(bound.group(2));
        String name = newName == null || newName.isBlank() ? defaultName(move.partition().name(), remainder, modulus)
                : newName.trim();
        QualifiedName newPartition = move.partition().withName(name);
        QualifiedName newRemote = move.targetTable().withName(name);
        String keyColumn;
        String keyType;
        try (Connection c = connections.open(move.coordinator(), move.user())) {
            String[] key = key(c, move);
            keyColumn = key[0];
            keyType = key[1];
            if (MovePlanner.bool(c, MoveStatements.TABLE_EXISTS, newPartition.sql())) {
                throw ReshardException.refused("The coordinator already has " + newPartition + "; name the new partition "
                        + "differently.");
            }
        } catch (SQLException e) {
            throw MovePlanner.failure("read the partition key", move.coordinator(), e);
        }
        List<String> identity;
        try (Connection t = connections.open(move.target(), move.user())) {
            if (MovePlanner.bool(t, MoveStatements.TABLE_EXISTS, newRemote.sql())) {
                throw ReshardException.refused(move.target().describe() + " already has " + newRemote + "; name the new "
                        + "partition differently or split to another node.");
            }
        } catch (SQLException e) {
            throw MovePlanner.failure("check the target", move.target(), e);
        }
        try (Connection s = connections.open(move.source(), move.user())) {
            identity = primaryKey(s, move.sourceTable());
        } catch (SQLException e) {
            throw MovePlanner.failure("read the primary key", move.source(), e);
        }
        String identityIndex = null;
        List<String> identityColumns = List.of();
        if (!identity.contains(keyColumn)) {
            identityColumns = new ArrayList<>(identity);
            identityColumns.add(keyColumn);
            identityIndex = "ph_split_" + move.id() + "_identity";
        }
        QualifiedName hashParent = move.sourceForeign()
                ? new QualifiedName(MoveStatements.MARKER_SCHEMA, "split_" + move.id() + "_key") : move.parent();
        SplitSpec split = new SplitSpec(newPartition, newRemote, modulus, remainder, keyColumn, hashParent,
                move.sourceForeign(), keyType, identityIndex, identityColumns);
        List<String> notes = new ArrayList<>(move.notes());
        notes.add("The rows that leave are deleted from " + move.sourceTable() + " inside the cutover, after their "
                + "count and checksum matched on the target: the write block lasts as long as that delete.");
        if (identityIndex != null) {
            notes.add("While the split runs, " + move.sourceTable() + " gets a unique index on " + identityColumns
                    + " as its replica identity (the row filter needs " + keyColumn + " in it); both are removed "
                    + "at the end.");
        }
        return new MovePlan(move.id(), move.cluster(), move.coordinator(), move.parent(), move.partition(),
                move.bound(), move.sourceForeign(), move.source(), move.sourceTable(), move.target(),
                move.targetServer(), move.targetTable(), move.keptName(), move.user(), move.targetDdl(),
                move.partitionGrants(), move.sourceRows(), move.sourceBytes(), move.createdAt(), notes, split);
    }

    /** {@code orders_p3} split from modulus 8 → {@code orders_p11}; names without a trailing number get {@code _r11}. */
    static String defaultName(String name, int remainder, int modulus) {
        Matcher m = TRAILING_NUMBER.matcher(name);
        if (m.matches() && Integer.parseInt(m.group(2)) == remainder) {
            return m.group(1) + (remainder + modulus);
        }
        return name + "_r" + (remainder + modulus);
    }

    private static String[] key(Connection c, MovePlan move) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(MoveStatements.PARTITION_KEY)) {
            ps.setString(1, move.parent().sql());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw ReshardException.refused(move.parent() + " is not partitioned.");
                }
                if (rs.getInt(1) != 1 || rs.getInt(2) == 0) {
                    throw ReshardException.refused(move.parent() + " is partitioned on several columns or an expression; "
                            + "only a single-column key can be split.");
                }
                if (!rs.getBoolean(5)) {
                    throw ReshardException.refused(move.parent() + " hashes " + rs.getString(3) + " with a non-default "
                            + "operator class; it cannot be split safely.");
                }
                return new String[] {rs.getString(3), rs.getString(4)};
            }
        }
    }

    private static List<String> primaryKey(Connection c, QualifiedName table) throws SQLException {
        List<String> cols = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(MoveStatements.PRIMARY_KEY_COLUMNS)) {
            ps.setString(1, table.sql());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    cols.add(rs.getString(1));
                }
            }
        }
        return cols;
    }
}
