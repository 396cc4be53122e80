package io.pilothouse.services.trafficops;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One server of one HAProxy backend as {@code show stat} lists it.
 *
 * @param backend     {@code pxname}
 * @param server      {@code svname}
 * @param status      UP, DOWN, NOLB, MAINT, DRAIN, … (HAProxy's words, e.g. {@code MAINT (via …)})
 * @param sessions    current sessions ({@code scur})
 * @param weight      current weight
 * @param checkStatus last health check ({@code L7OK}, {@code L7STS}, …), empty when none
 * @param address     {@code host:port} ({@code addr}), empty when HAProxy does not list it
 */
public record HaproxyServerLine(String backend, String server, String status, long sessions, long weight,
                                String checkStatus, String address) {

    /** True when HAProxy sends new connections to it (UP and not draining). */
    public boolean takesNewConnections() {
        return status.startsWith("UP") && !status.contains("DRAIN");
    }

    /** {@code primary/node1 (127.0.0.1:5433, UP, 3 sessions)}. */
    public String describe() {
        return backend + "/" + server + " (" + (address.isEmpty() ? "" : address + ", ") + status + ", " + sessions
                + (sessions == 1 ? " session" : " sessions") + ")";
    }

    /** The server lines (not FRONTEND / BACKEND totals) of a {@code show stat} answer; columns read by name. */
    public static List<HaproxyServerLine> parse(String csv) {
        List<HaproxyServerLine> out = new ArrayList<>();
        Map<String, Integer> columns = null;
        for (String raw : csv.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                columns = new HashMap<>();
                String[] names = line.substring(1).strip().split(",", -1);
                for (int i = 0; i < names.length; i++) {
                    columns.put(names[i].strip(), i);
                }
                continue;
            }
            if (columns == null || !columns.containsKey("pxname") || !columns.containsKey("svname")) {
                throw new IllegalArgumentException("not HAProxy's stat CSV (no '# pxname,svname,…' header): "
                        + (line.length() > 60 ? line.substring(0, 60) + "…" : line));
            }
            String[] f = line.split(",", -1);
            String sv = field(f, columns, "svname");
            if (sv.equals("FRONTEND") || sv.equals("BACKEND")) {
                continue;
            }
            out.add(new HaproxyServerLine(field(f, columns, "pxname"), sv, field(f, columns, "status"),
                    number(field(f, columns, "scur")), number(field(f, columns, "weight")),
                    field(f, columns, "check_status"), field(f, columns, "addr")));
        }
        return out;
    }

    private static String field(String[] f, Map<String, Integer> columns, String name) {
        Integer i = columns.get(name);
        return i == null || i >= f.length ? "" : f[i].strip();
    }

    private static long number(String s) {
        try {
            return s.isEmpty() ? 0 : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
