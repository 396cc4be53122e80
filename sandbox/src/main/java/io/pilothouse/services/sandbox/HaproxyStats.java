package io.pilothouse.services.sandbox;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads HAProxy's stats CSV ({@code /stats;csv}). */
final class HaproxyStats {

    private HaproxyStats() {}

    /**
     * Proxy name to the number of its servers that are UP and passed their last check (aggregate
     * rows excluded). HAProxy starts every server as UP before its first check, and shows
     * {@code UP 1/2} while one is failing; neither counts.
     */
    static Map<String, Integer> upServers(String csv) {
        String[] lines = csv.split("\\R");
        if (lines.length == 0 || !lines[0].startsWith("# ")) {
            return Map.of();
        }
        // Column positions come from the header: they changed between HAProxy versions.
        List<String> header = Arrays.asList(lines[0].substring(2).split(",", -1));
        int proxy = header.indexOf("pxname");
        int server = header.indexOf("svname");
        int status = header.indexOf("status");
        int check = header.indexOf("check_status");
        if (Math.min(Math.min(proxy, server), Math.min(status, check)) < 0) {
            return Map.of();
        }
        Map<String, Integer> up = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String[] fields = lines[i].split(",", -1);
            if (fields.length <= Math.max(Math.max(proxy, server), Math.max(status, check))) {
                continue;
            }
            boolean aggregate = fields[server].equals("FRONTEND") || fields[server].equals("BACKEND");
            if (!aggregate && fields[status].equals("UP") && fields[check].startsWith("L7OK")) {
                up.merge(fields[proxy], 1, Integer::sum);
            }
        }
        return up;
    }
}
