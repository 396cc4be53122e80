package io.pilothouse.services.patroni;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilothouse.services.model.ReportedLag;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Lenient field readers for Patroni JSON: Patroni's fields vary by version and by role. */
final class JsonFields {

    private JsonFields() {
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static Integer integer(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isNumber()) {
            return v.intValue();
        }
        try {
            return Integer.valueOf(v.asText().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Long longValue(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isNumber()) {
            return v.longValue();
        }
        try {
            return Long.valueOf(v.asText().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static boolean bool(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        return v.isBoolean() ? v.booleanValue() : "true".equalsIgnoreCase(v.asText());
    }

    /** Lag may be an integer, a numeric string, or the string {@code "unknown"}: never parse it straight. */
    static ReportedLag lag(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return ReportedLag.NONE;
        }
        if (v.isNumber()) {
            return ReportedLag.ofBytes(Math.max(0, v.longValue()));
        }
        String s = v.asText().trim();
        try {
            return ReportedLag.ofBytes(Math.max(0, Long.parseLong(s)));
        } catch (NumberFormatException e) {
            return ReportedLag.UNKNOWN;
        }
    }

    /** An LSN as Patroni formats it ({@code 0/5000060}); Patroni's {@code "unknown"} and anything else not an LSN is null. */
    static String lsn(JsonNode node, String field) {
        String v = text(node, field);
        return v != null && v.trim().matches("[0-9A-Fa-f]{1,8}/[0-9A-Fa-f]{1,8}") ? v.trim().toUpperCase() : null;
    }

    /** Tags as strings: booleans and numbers by their text, nested values as JSON. */
    static Map<String, String> tags(JsonNode node) {
        JsonNode t = node.get("tags");
        Map<String, String> out = new LinkedHashMap<>();
        if (t == null || !t.isObject()) {
            return out;
        }
        Iterator<Map.Entry<String, JsonNode>> it = t.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            out.put(e.getKey(), v.isValueNode() ? v.asText() : v.toString());
        }
        return out;
    }
}
