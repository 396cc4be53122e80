package io.pilothouse.services.shards;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;

/**
 * JDBC objects over hand-made rows, keyed by column label, so the Citus row mapping can be tested without a
 * Citus server (which cannot be installed here). Only the calls the reader makes are implemented.
 */
final class HandMadeRows {

    private HandMadeRows() {
    }

    /** A connection answering each SQL text in {@code results} with those rows. */
    static Connection connection(Map<String, List<Map<String, Object>>> results) {
        return (Connection) Proxy.newProxyInstance(HandMadeRows.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("prepareStatement")) {
                        List<Map<String, Object>> rows = results.get((String) args[0]);
                        if (rows == null) {
                            throw new AssertionError("unexpected SQL: " + args[0]);
                        }
                        return statement(rows);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static PreparedStatement statement(List<Map<String, Object>> rows) {
        return (PreparedStatement) Proxy.newProxyInstance(HandMadeRows.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "executeQuery" -> resultSet(rows);
                    case "close" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    static ResultSet resultSet(List<Map<String, Object>> rows) {
        int[] cursor = {-1};
        Object[] last = {null};
        return (ResultSet) Proxy.newProxyInstance(HandMadeRows.class.getClassLoader(),
                new Class<?>[] {ResultSet.class}, (proxy, method, args) -> {
                    String m = method.getName();
                    if (m.equals("next")) {
                        return ++cursor[0] < rows.size();
                    }
                    if (m.equals("close")) {
                        return null;
                    }
                    if (m.equals("wasNull")) {
                        return last[0] == null;
                    }
                    Map<String, Object> row = rows.get(cursor[0]);
                    Object v = args[0] instanceof Integer i ? row.values().toArray()[i - 1] : row.get((String) args[0]);
                    if (!(args[0] instanceof Integer) && !row.containsKey((String) args[0])) {
                        throw new AssertionError("no column " + args[0]);
                    }
                    last[0] = v;
                    return switch (m) {
                        case "getString" -> v == null ? null : v.toString();
                        case "getLong" -> v == null ? 0L : ((Number) v).longValue();
                        case "getInt" -> v == null ? 0 : ((Number) v).intValue();
                        case "getBoolean" -> v != null && (Boolean) v;
                        default -> throw new UnsupportedOperationException(m);
                    };
                });
    }
}
