package io.pilothouse.services.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a set of changes does to Patroni's dynamic configuration: one row per key whose value really changes, with
 * the value before and after. Pure: built from the configuration as read and the requested changes, no I/O. Changes
 * that set a key to the value it already has, or remove a key that is not there, are dropped, so the PATCH sent
 * carries only real changes.
 *
 * @param rows the changed keys, in the order requested
 */
public record ConfigDiff(List<Row> rows) {

    /** Shown for a key that is not set. */
    public static final String UNSET = "(not set)";

    /**
     * One changed key.
     *
     * @param key    dotted key path
     * @param before the value before as JSON, or null when the key was not set
     * @param after  the value after as JSON, or null when the change removes the key
     */
    public record Row(String key, JsonNode before, JsonNode after) {

        /** {@code before} for display: strings without quotes, {@link #UNSET} when absent. */
        public String beforeText() {
            return text(before);
        }

        /** {@code after} for display. */
        public String afterText() {
            return text(after);
        }
    }

    public ConfigDiff {
        rows = List.copyOf(rows);
    }

    /**
     * The diff of applying {@code changes} (dotted key → new value; a null value or JSON null removes the key) to
     * {@code current}.
     */
    public static ConfigDiff of(JsonNode current, Map<String, JsonNode> changes) {
        Objects.requireNonNull(changes, "changes");
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, JsonNode> change : changes.entrySet()) {
            JsonNode before = lookup(current, ConfigKeys.split(change.getKey()));
            JsonNode after = change.getValue() == null || change.getValue().isNull() ? null : change.getValue();
            if (!sameValue(before, after)) {
                rows.add(new Row(change.getKey().strip(), before, after));
            }
        }
        return new ConfigDiff(rows);
    }

    /** True when nothing would change. */
    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The body of a {@code PATCH /config} with exactly the changed keys (removals as JSON null). */
    public ObjectNode patch() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        for (Row row : rows) {
            List<String> parts = ConfigKeys.split(row.key());
            ObjectNode node = root;
            for (String p : parts.subList(0, parts.size() - 1)) {
                node = node.has(p) && node.get(p).isObject() ? (ObjectNode) node.get(p) : node.putObject(p);
            }
            node.set(parts.get(parts.size() - 1), row.after() == null ? JsonNodeFactory.instance.nullNode()
                    : row.after());
        }
        return root;
    }

    /** {@code current} with the changes applied, the way Patroni merges a PATCH (what validation looks at). */
    public JsonNode applyTo(JsonNode current) {
        ObjectNode merged = current != null && current.isObject() ? ((ObjectNode) current).deepCopy()
                : JsonNodeFactory.instance.objectNode();
        for (Row row : rows) {
            List<String> parts = ConfigKeys.split(row.key());
            ObjectNode node = merged;
            for (String p : parts.subList(0, parts.size() - 1)) {
                node = node.has(p) && node.get(p).isObject() ? (ObjectNode) node.get(p) : node.putObject(p);
            }
            String last = parts.get(parts.size() - 1);
            if (row.after() == null) {
                node.remove(last);
            } else {
                node.set(last, row.after());
            }
        }
        return merged;
    }

    /** The keys and their new values, for checking that the cluster now shows them. */
    public Map<String, JsonNode> expected() {
        Map<String, JsonNode> m = new LinkedHashMap<>();
        rows.forEach(r -> m.put(r.key(), r.after()));
        return m;
    }

    /** True when {@code config} shows every changed key with its new value (or without it, for a removal). */
    public boolean isShownBy(JsonNode config) {
        return rows.stream().allMatch(r -> sameValue(lookup(config, ConfigKeys.split(r.key())), r.after()));
    }

    /**
     * A side-by-side table: key, before, after; or a line saying nothing changes.
     *
     * <pre>
     * KEY                             BEFORE     AFTER
     * postgresql.parameters.work_mem  4MB        16MB
     * </pre>
     */
    public String render() {
        if (rows.isEmpty()) {
            return "No change: every key already has the value asked for.\n";
        }
        int k = "KEY".length();
        int b = "BEFORE".length();
        for (Row r : rows) {
            k = Math.max(k, r.key().length());
            b = Math.max(b, r.beforeText().length());
        }
        String format = "%-" + k + "s  %-" + b + "s  %s%n";
        StringBuilder sb = new StringBuilder(String.format(format, "KEY", "BEFORE", "AFTER"));
        rows.forEach(r -> sb.append(String.format(format, r.key(), r.beforeText(), r.afterText())));
        return sb.toString();
    }

    /** One line for the audit log: {@code loop_wait: 2 -> 3; postgresql.parameters.work_mem: 4MB -> 16MB}. */
    public String summary() {
        if (rows.isEmpty()) {
            return "no change";
        }
        return String.join("; ", rows.stream().map(r -> r.key() + ": " + r.beforeText() + " -> " + r.afterText())
                .toList());
    }

    static JsonNode lookup(JsonNode root, List<String> parts) {
        JsonNode node = root;
        for (String p : parts) {
            if (node == null || !node.isObject()) {
                return null;
            }
            node = node.get(p);
        }
        return node == null || node.isNull() ? null : node;
    }

    /**
     * Patroni compares with {@code str(old) != str(new)}, so {@code 16} and {@code "16"} are the same value to it;
     * objects compare structurally.
     */
    static boolean sameValue(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == null && b == null;
        }
        if (a.isContainerNode() || b.isContainerNode()) {
            return a.equals(b);
        }
        return scalarText(a).equals(scalarText(b));
    }

    private static String scalarText(JsonNode n) {
        if (n.isBoolean()) {
            // Python's str(True) is "True"; JSON strings "true"/"True" are not booleans to Patroni, keep them apart.
            return n.asBoolean() ? "\u0000True" : "\u0000False";
        }
        return n.asText();
    }

    private static String text(JsonNode n) {
        if (n == null) {
            return UNSET;
        }
        return n.isValueNode() ? n.asText() : n.toString();
    }
}
