package io.pilothouse.services.traffic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads HAProxy's stats CSV ({@code /stats;csv} or the runtime API's {@code show stat}) into rows by column name:
 * column positions changed between HAProxy versions, so only the header says where a field is.
 */
final class HaproxyCsv {

    private HaproxyCsv() {}

    /** The data rows, each column name to its text. */
    static List<Map<String, String>> rows(String body) throws TrafficReadException {
        String text = body == null ? "" : body.strip();
        if (text.isEmpty()) {
            throw new TrafficReadException("the stats URL answered nothing; point it at HAProxy's CSV stats, e.g. "
                    + "http://host:port/stats;csv");
        }
        String lower = text.substring(0, Math.min(200, text.length())).toLowerCase(Locale.ROOT);
        if (lower.startsWith("<") || lower.contains("<html") || lower.contains("<!doctype")) {
            throw new TrafficReadException("the stats URL answered an HTML page, not CSV; add ;csv to it, e.g. "
                    + "http://host:port/stats;csv");
        }
        String[] lines = text.split("\\R");
        if (!lines[0].startsWith("# ")) {
            throw new TrafficReadException("the stats URL answered something that is not HAProxy's stats CSV (it "
                    + "starts with '" + printable(lines[0]) + "'); point it at HAProxy's stats page with ;csv");
        }
        List<String> header = Arrays.asList(lines[0].substring(2).split(",", -1));
        if (!header.contains("pxname") || !header.contains("svname") || !header.contains("status")) {
            throw new TrafficReadException("the stats CSV has no pxname/svname/status columns; is it HAProxy's?");
        }
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] fields = lines[i].split(",", -1);
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < header.size() && c < fields.length; c++) {
                row.put(header.get(c), fields[c]);
            }
            rows.add(row);
        }
        return rows;
    }

    private static String printable(String line) {
        String cut = line.length() > 40 ? line.substring(0, 40) + "…" : line;
        return cut.replaceAll("[^\\p{Print}]", "?");
    }
}
