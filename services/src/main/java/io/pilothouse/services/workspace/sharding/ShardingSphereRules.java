package io.pilothouse.services.workspace.sharding;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the sharding subset of a ShardingSphere 5 YAML configuration ({@code config-sharding.yaml} of the Proxy,
 * or the file ShardingSphere-JDBC's driver points at) into an {@link AppShardMap}.
 *
 * <p>Layout relied on, from ShardingSphere's "YAML Configuration / Sharding" documentation: top-level
 * {@code dataSources:} (a map by name) and {@code rules:}, a list whose entries are tagged; the sharding rule is
 * {@code - !SHARDING} with {@code tables: <logic>: actualDataNodes, databaseStrategy, tableStrategy},
 * {@code defaultDatabaseStrategy}, {@code defaultTableStrategy} and {@code shardingAlgorithms: <name>: type,
 * props}. A strategy is {@code standard: {shardingColumn, shardingAlgorithmName}} or {@code none:}. The tag is
 * read from the YAML parser because a tree read drops it, and a {@code !READWRITE_SPLITTING} rule must not be
 * mistaken for sharding. A table without {@code actualDataNodes} lives, as ShardingSphere documents, in every
 * data source under its logical name.
 *
 * <p>Supported algorithm types: {@code INLINE} ({@code algorithm-expression}, see {@link ShardingExpression}),
 * {@code MOD} ({@code sharding-count}, {@code start-offset}, {@code stop-offset}, {@code zero-padding}) and
 * {@code HASH_MOD} ({@code sharding-count}); see {@link ShardingRoute} for how they were checked against
 * ShardingSphere's source. A standard strategy without {@code shardingColumn} takes the rule's
 * {@code defaultShardingColumn}, as ShardingSphere's ShardingRule does. Others (CLASS_BASED, time intervals,
 * complex and hint strategies) need the application's code and are refused by name. {@code autoTables} are not
 * read yet.
 */
public final class ShardingSphereRules {

    private static final YAMLMapper MAPPER = new YAMLMapper();

    private ShardingSphereRules() {
    }

    /**
     * Parses {@code yaml}.
     *
     * @param name display name of the resulting map
     * @throws IllegalArgumentException if the YAML is invalid, has no {@code !SHARDING} rule, or uses something
     *                                  outside the supported subset; the message names the table and key
     */
    public static AppShardMap parse(String name, String yaml) {
        List<String> dataSources = new ArrayList<>();
        JsonNode sharding = null;
        try (JsonParser p = MAPPER.getFactory().createParser(yaml)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("the ShardingSphere file must be a YAML mapping with "
                        + "dataSources: and rules:");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if ("dataSources".equals(field) && t == JsonToken.START_OBJECT) {
                    MAPPER.readTree(p).fieldNames().forEachRemaining(dataSources::add);
                } else if ("rules".equals(field) && t == JsonToken.START_ARRAY) {
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        String tag = p.getTypeId() == null ? "" : p.getTypeId().toString();
                        JsonNode rule = MAPPER.readTree(p);
                        if (tag.replaceFirst("^!", "").equals("SHARDING")) {
                            sharding = rule;
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("the ShardingSphere file is not valid YAML: "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (sharding == null) {
            throw new IllegalArgumentException("no `- !SHARDING` entry under `rules:`; Pilothouse reads the "
                    + "ShardingSphere 5 format (4.x `shardingRule:` files must be converted)");
        }
        return new AppShardMap(name, dataSources, tables(sharding, dataSources));
    }

    private static Map<String, ShardedTable> tables(JsonNode rule, List<String> dataSources) {
        JsonNode algorithms = rule.path("shardingAlgorithms");
        Map<String, ShardedTable> tables = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = rule.path("tables").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String logic = e.getKey();
            JsonNode t = e.getValue();
            List<DataNode> nodes = new ArrayList<>();
            String actual = t.path("actualDataNodes").asText("");
            if (actual.isBlank()) {
                dataSources.forEach(ds -> nodes.add(new DataNode(ds, logic)));
            } else {
                for (String node : InlineExpressions.expand(actual)) {
                    nodes.add(DataNode.parse(node));
                }
            }
            if (nodes.isEmpty()) {
                throw new IllegalArgumentException("tables." + logic + " has no actualDataNodes and the file no "
                        + "dataSources; write actualDataNodes, e.g. ds$->{0..1}." + logic + "_$->{0..3}");
            }
            for (DataNode n : nodes) {
                if (!dataSources.isEmpty() && !dataSources.contains(n.dataSource())) {
                    throw new IllegalArgumentException("tables." + logic + ".actualDataNodes names data source `"
                            + n.dataSource() + "`, which is not under dataSources: " + dataSources);
                }
            }
            String defaultColumn = rule.path("defaultShardingColumn").asText("");
            List<String> sourceNames = nodes.stream().map(DataNode::dataSource).distinct().toList();
            List<String> tableNames = nodes.stream().map(DataNode::table).toList();
            ShardingRoute db = route(logic, "databaseStrategy", t, rule.path("defaultDatabaseStrategy"), algorithms,
                    defaultColumn, ShardingRoute.TargetNames.ofDataSources(sourceNames));
            ShardingRoute table = route(logic, "tableStrategy", t, rule.path("defaultTableStrategy"), algorithms,
                    defaultColumn, ShardingRoute.TargetNames.ofTables(logic, tableNames));
            tables.put(logic, new ShardedTable(logic, nodes, db, table));
        }
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("the !SHARDING rule has no `tables:`; nothing to map");
        }
        return tables;
    }

    private static ShardingRoute route(String logic, String key, JsonNode table, JsonNode fallback,
                                       JsonNode algorithms, String defaultColumn, ShardingRoute.TargetNames names) {
        JsonNode strategy = table.has(key) ? table.get(key) : fallback;
        String where = "tables." + logic + "." + key;
        if (strategy.isMissingNode() || strategy.isNull() || strategy.has("none")) {
            return null;
        }
        JsonNode standard = strategy.get("standard");
        if (standard == null) {
            throw new IllegalArgumentException(where + ": only `standard:` and `none:` strategies are supported, "
                    + "found " + fieldNames(strategy));
        }
        // ShardingRule falls back to the rule's defaultShardingColumn when a standard strategy names none.
        String column = standard.path("shardingColumn").asText("");
        if (column.isBlank()) {
            column = defaultColumn;
        }
        String algorithmName = standard.path("shardingAlgorithmName").asText("");
        if (column.isBlank() || algorithmName.isBlank()) {
            throw new IllegalArgumentException(where + ".standard needs shardingColumn (or the rule's "
                    + "defaultShardingColumn) and shardingAlgorithmName");
        }
        JsonNode algorithm = algorithms.get(algorithmName);
        if (algorithm == null) {
            throw new IllegalArgumentException(where + " uses algorithm `" + algorithmName + "`, which is not "
                    + "under shardingAlgorithms: " + fieldNames(algorithms));
        }
        String type = algorithm.path("type").asText("");
        JsonNode props = algorithm.path("props");
        String at = "shardingAlgorithms." + algorithmName;
        switch (type.toUpperCase(java.util.Locale.ROOT)) {
            case "INLINE" -> {
                String expr = props.path("algorithm-expression").asText("");
                if (expr.isBlank()) {
                    throw new IllegalArgumentException(at + ".props.algorithm-expression is missing");
                }
                ShardingExpression parsed = ShardingExpression.parse(expr);
                if (!parsed.columns().isEmpty() && !parsed.columns().equals(java.util.Set.of(column))) {
                    throw new IllegalArgumentException(at + ".props.algorithm-expression reads "
                            + parsed.columns() + " but " + where + " shards on " + column);
                }
                return new ShardingRoute.Inline(column, parsed);
            }
            case "MOD" -> {
                int start = nonNegative(props, "start-offset", at);
                int stop = nonNegative(props, "stop-offset", at);
                boolean padding = Boolean.parseBoolean(props.path("zero-padding").asText("false"));
                return new ShardingRoute.Mod(column, shardingCount(props, at), start, stop, padding, names);
            }
            case "HASH_MOD" -> {
                return new ShardingRoute.HashMod(column, shardingCount(props, at), names);
            }
            default -> throw new IllegalArgumentException(at + " has type `" + type + "`; Pilothouse can only "
                    + "follow INLINE, MOD and HASH_MOD algorithms (others need the application's code)");
        }
    }

    private static int shardingCount(JsonNode props, String at) {
        int count = props.path("sharding-count").asInt(0);
        if (count <= 0) {
            throw new IllegalArgumentException(at + ".props.sharding-count must be a positive integer");
        }
        return count;
    }

    private static int nonNegative(JsonNode props, String name, String at) {
        int v = props.path(name).asInt(0);
        if (v < 0) {
            throw new IllegalArgumentException(at + ".props." + name + " can not be less than 0");
        }
        return v;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
