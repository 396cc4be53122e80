package io.pilothouse.services.traffic;

import java.util.Map;

/** Reads fields of a row by name, tolerating absent columns (older versions lack some) and empty text. */
final class Rows {

    private Rows() {}

    static String text(Map<String, String> row, String column) {
        String v = row.get(column);
        return v == null || v.isEmpty() ? null : v;
    }

    static long number(Map<String, String> row, String column) {
        Long v = optionalNumber(row, column);
        return v == null ? 0 : v;
    }

    static Long optionalNumber(Map<String, String> row, String column) {
        String v = text(row, column);
        if (v == null) {
            return null;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            try {
                return (long) Double.parseDouble(v.trim());
            } catch (NumberFormatException notANumber) {
                return null;
            }
        }
    }

    static double decimal(Map<String, String> row, String column) {
        String v = text(row, column);
        if (v == null) {
            return 0;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** PgBouncer prints booleans as 0/1, Pgpool as true/false. */
    static boolean flag(Map<String, String> row, String column) {
        String v = text(row, column);
        return v != null && (v.equals("1") || v.equalsIgnoreCase("true") || v.equalsIgnoreCase("t"));
    }
}
