package io.pilothouse.services.workspace;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * Describes a place in a workspace for error messages: {@code sources[1] "dc2", field etcd.endpoints[0]}. Users
 * think in source names, the parser in indexes; both are given so either finds the spot.
 */
final class Where {

    private Where() {
    }

    /** A field of the source at {@code index}; {@code field} may be empty for the source as a whole. */
    static String source(int index, String name, String field) {
        StringBuilder sb = new StringBuilder("sources[").append(index).append(']');
        if (name != null && !name.isBlank()) {
            sb.append(" \"").append(name).append('"');
        }
        if (field != null && !field.isEmpty()) {
            sb.append(", field ").append(field);
        }
        return sb.toString();
    }

    /**
     * A path of field names (String) and list indexes (Integer) from the document root, as Jackson reports it.
     * {@code root} (may be null) supplies the source's name when the path is inside {@code sources}.
     */
    static String path(List<Object> path, JsonNode root) {
        if (path.isEmpty()) {
            return "the top level";
        }
        if (path.size() >= 2 && "sources".equals(path.get(0)) && path.get(1) instanceof Integer index) {
            String name = null;
            if (root != null) {
                JsonNode n = root.path("sources").path(index).path("name");
                name = n.isTextual() ? n.asText() : null;
            }
            return source(index, name, fields(path.subList(2, path.size())));
        }
        return "field " + fields(path);
    }

    /** {@code [etcd, endpoints, 0]} → {@code etcd.endpoints[0]}. */
    static String fields(List<Object> path) {
        StringBuilder sb = new StringBuilder();
        for (Object element : path) {
            if (element instanceof Integer i) {
                sb.append('[').append(i).append(']');
            } else {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(element);
            }
        }
        return sb.toString();
    }
}
