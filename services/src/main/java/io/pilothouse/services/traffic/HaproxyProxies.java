package io.pilothouse.services.traffic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns stats rows into proxies with their servers joined to members (by {@code addr}, else by server name). */
final class HaproxyProxies {

    private static final String FRONTEND = "FRONTEND";
    private static final String BACKEND = "BACKEND";
    /** The HTTP answer Patroni gives a role check of the other role: "not my role", not an outage. */
    private static final int NOT_MY_ROLE = 503;

    private HaproxyProxies() {}

    /** Proxies that have server lines (the stats page and other server-less proxies left out), in CSV order. */
    static List<HaproxyProxy> from(List<Map<String, String>> rows, MemberIndex members) {
        Map<String, List<HaproxyServer>> servers = new LinkedHashMap<>();
        Map<String, String> status = new LinkedHashMap<>();
        Map<String, Long> sessions = new LinkedHashMap<>();
        for (Map<String, String> row : rows) {
            String proxy = Rows.text(row, "pxname");
            String sv = Rows.text(row, "svname");
            if (proxy == null || sv == null) {
                continue;
            }
            if (sv.equals(FRONTEND)) {
                status.put(proxy, Rows.text(row, "status"));
                sessions.put(proxy, Rows.number(row, "scur"));
            } else if (sv.equals(BACKEND)) {
                status.putIfAbsent(proxy, Rows.text(row, "status"));
                sessions.putIfAbsent(proxy, Rows.number(row, "scur"));
            } else {
                servers.computeIfAbsent(proxy, p -> new ArrayList<>()).add(server(proxy, sv, row, members));
            }
        }
        List<HaproxyProxy> proxies = new ArrayList<>();
        servers.forEach((proxy, list) -> proxies.add(new HaproxyProxy(proxy, status.get(proxy),
                sessions.getOrDefault(proxy, 0L), list)));
        return proxies;
    }

    private static HaproxyServer server(String proxy, String name, Map<String, String> row, MemberIndex members) {
        String address = Rows.text(row, "addr");
        String member = address != null ? members.memberAt(address) : members.memberNamed(name);
        String status = Rows.text(row, "status");
        String check = Rows.text(row, "check_status");
        if (check != null && check.startsWith("* ")) {
            // A check in progress: HAProxy shows the last result behind "* ".
            check = check.substring(2);
        }
        Long code = Rows.optionalNumber(row, "check_code");
        if (code != null && code == 0) {
            code = null;
        }
        // While a check runs the code may be blank: an L7STS of a member that answers is still its role check.
        boolean expectedDown = status != null && status.startsWith("DOWN") && check != null
                && check.startsWith("L7STS") && (code == null || code == NOT_MY_ROLE) && members.answering(member);
        return new HaproxyServer(proxy, name, address, member, status, check, code == null ? null : code.intValue(),
                Rows.number(row, "scur"), Rows.number(row, "smax"), Rows.number(row, "stot"),
                (int) Rows.number(row, "weight"), Rows.optionalNumber(row, "lastchg"),
                Rows.optionalNumber(row, "downtime"), expectedDown);
    }
}
