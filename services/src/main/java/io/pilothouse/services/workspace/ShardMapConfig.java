package io.pilothouse.services.workspace;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.pilothouse.services.workspace.sharding.AppShardMap;
import io.pilothouse.services.workspace.sharding.DataNode;
import io.pilothouse.services.workspace.sharding.ShardedTable;
import io.pilothouse.services.workspace.sharding.ShardingRoute;
import io.pilothouse.services.workspace.sharding.ShardingSphereRules;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One entry of the optional top-level {@code shardMaps:} list: application-level sharding Pilothouse cannot
 * discover from the databases, either written out ({@code key % modulo} over listed shards, the hand-made
 * ShardRouter of the guides) or taken from a ShardingSphere rule file whose data sources are mapped to workspace
 * sources.
 *
 * @param name           display name, unique in the workspace
 * @param table          logical table (modulo form)
 * @param key            sharding column (modulo form)
 * @param modulo         N in {@code key % N} (modulo form)
 * @param shards         one entry per remainder (modulo form)
 * @param shardingSphere path of a ShardingSphere YAML file, relative to the workspace file (ShardingSphere form)
 * @param dataSources    ShardingSphere data source name → workspace source and database (ShardingSphere form)
 */
public record ShardMapConfig(String name, String table, String key, Integer modulo, List<Shard> shards,
                             String shardingSphere, Map<String, DataSourceRef> dataSources) {

    public ShardMapConfig {
        shards = shards == null ? List.of() : List.copyOf(shards);
        dataSources = dataSources == null ? Map.of() : java.util.Collections.unmodifiableMap(
                new LinkedHashMap<>(dataSources));
    }

    /**
     * One shard of the modulo form.
     *
     * @param index    the remainder {@code key % modulo} this shard holds
     * @param source   workspace source name
     * @param database database on that source's primary
     * @param table    physical table, or null when it has the logical table's name
     */
    public record Shard(Integer index, String source, String database, String table) {
    }

    /**
     * Where a ShardingSphere data source lives.
     *
     * @param source   workspace source name
     * @param database database name
     */
    public record DataSourceRef(String source, String database) {
    }

    /** True for the {@code shardingSphere:} form. */
    @JsonIgnore
    public boolean isShardingSphere() {
        return shardingSphere != null;
    }

    /**
     * The shard map; data source names are {@code source/database} in the modulo form and ShardingSphere's own
     * names in the other (map them through {@link #dataSources()}). Only call on a validated workspace.
     *
     * @param baseDir directory of the workspace file, for a relative {@code shardingSphere:} path; null for the
     *                working directory
     * @throws IOException if the ShardingSphere file cannot be read
     */
    public AppShardMap resolve(Path baseDir) throws IOException {
        if (isShardingSphere()) {
            Path file = baseDir == null ? Path.of(shardingSphere) : baseDir.resolve(shardingSphere);
            return ShardingSphereRules.parse(name, Files.readString(file, StandardCharsets.UTF_8));
        }
        List<DataNode> nodes = new ArrayList<>();
        List<String> sourceByIndex = new ArrayList<>();
        List<String> tableByIndex = new ArrayList<>();
        shards.stream().sorted(java.util.Comparator.comparing(Shard::index)).forEach(s -> {
            String ds = s.source() + "/" + s.database();
            String physical = s.table() == null ? table : s.table();
            nodes.add(new DataNode(ds, physical));
            sourceByIndex.add(ds);
            tableByIndex.add(physical);
        });
        // Both levels index by key % N, so several remainders may share a database (orders_0 and orders_2 on one
        // server) and still each pick their own table.
        ShardingRoute dbRoute = new ShardingRoute.Indexed(key, sourceByIndex);
        ShardingRoute tableRoute = new ShardingRoute.Indexed(key, tableByIndex);
        List<String> sources = nodes.stream().map(DataNode::dataSource).distinct().toList();
        return new AppShardMap(name, sources, Map.of(table, new ShardedTable(table, nodes, dbRoute, tableRoute)));
    }

    /** Problems of entry {@code i}, each naming it and the field; empty when valid. */
    List<String> problems(int i, Set<String> sourceNames, Path baseDir) {
        List<String> problems = new ArrayList<>();
        String where = "shardMaps[" + i + "]" + (name == null ? "" : " (" + name + ")");
        if (name == null || name.isBlank()) {
            problems.add(where + " has no name; add `name: <something>`");
        }
        boolean modForm = table != null || key != null || modulo != null || !shards.isEmpty();
        if (isShardingSphere() == modForm) {
            problems.add(where + " needs either `table`, `key`, `modulo` and `shards`, or `shardingSphere` and "
                    + "`dataSources`, not " + (modForm ? "both" : "neither"));
            return problems;
        }
        if (modForm) {
            moduloProblems(where, sourceNames, problems);
        } else {
            shardingSphereProblems(where, sourceNames, baseDir, problems);
        }
        return problems;
    }

    private void moduloProblems(String where, Set<String> sourceNames, List<String> problems) {
        if (table == null || table.isBlank()) {
            problems.add(where + ".table is missing; name the logical table, e.g. table: orders");
        }
        if (key == null || key.isBlank()) {
            problems.add(where + ".key is missing; name the sharding column, e.g. key: user_id");
        }
        if (modulo == null || modulo <= 0) {
            problems.add(where + ".modulo must be a positive integer (N in key % N)");
            return;
        }
        if (shards.size() != modulo) {
            problems.add(where + " has modulo " + modulo + " but " + shards.size() + " shard(s); list one shard "
                    + "per remainder 0.." + (modulo - 1));
        }
        Set<Integer> seen = new HashSet<>();
        for (int s = 0; s < shards.size(); s++) {
            Shard shard = shards.get(s);
            String at = where + ".shards[" + s + "]";
            if (shard.index() == null || shard.index() < 0 || shard.index() >= modulo) {
                problems.add(at + ".index must be between 0 and " + (modulo - 1));
            } else if (!seen.add(shard.index())) {
                problems.add(at + ".index " + shard.index() + " is listed twice; each remainder has one shard");
            }
            sourceProblem(at, shard.source(), shard.database(), sourceNames, problems);
        }
    }

    private void shardingSphereProblems(String where, Set<String> sourceNames, Path baseDir,
                                        List<String> problems) {
        AppShardMap map;
        try {
            map = resolve(baseDir);
        } catch (InvalidPathException | IOException e) {
            problems.add(where + ".shardingSphere: " + shardingSphere + " cannot be read (" + e.getMessage()
                    + "); give the path of the ShardingSphere YAML file, relative to the workspace file");
            return;
        } catch (IllegalArgumentException e) {
            problems.add(where + ".shardingSphere: " + shardingSphere + ": " + e.getMessage());
            return;
        }
        for (String ds : map.dataSources()) {
            if (!dataSources.containsKey(ds)) {
                problems.add(where + ".dataSources has no entry for `" + ds + "` of " + shardingSphere
                        + "; add `" + ds + ": {source: <workspace source>, database: <db>}`");
            }
        }
        dataSources.forEach((ds, ref) -> sourceProblem(where + ".dataSources." + ds,
                ref == null ? null : ref.source(), ref == null ? null : ref.database(), sourceNames, problems));
    }

    private static void sourceProblem(String at, String source, String database, Set<String> sourceNames,
                                      List<String> problems) {
        if (source == null || source.isBlank()) {
            problems.add(at + ".source is missing; name a source of this workspace");
        } else if (!sourceNames.contains(source.trim())) {
            problems.add(at + ".source `" + source + "` is not a source of this workspace; use one of "
                    + new java.util.TreeSet<>(sourceNames));
        }
        if (database == null || database.isBlank()) {
            problems.add(at + ".database is missing; name the database holding the shard");
        }
    }
}
