package io.pilothouse.services.traffic;

/**
 * One server line of HAProxy's stats ({@code show stat}), joined to a member by its address.
 *
 * @param proxy           the proxy (backend) name, {@code pxname}
 * @param name            the server name, {@code svname}
 * @param address         {@code addr} ({@code host:port}), or null when HAProxy does not show it (no {@code stats
 *                        show-legends}); the member is then matched by name
 * @param member          the member it is, or null when none matches
 * @param status          {@code status}: UP, DOWN, NOLB, MAINT, DRAIN, {@code UP 1/2} while going down …
 * @param checkStatus     {@code check_status}: L7OK, L7STS, L4CON, L4TOUT …, or null
 * @param checkCode       {@code check_code} (the HTTP status of an L7 check), or null
 * @param sessions        current sessions, {@code scur}
 * @param maxSessions     highest sessions seen, {@code smax}
 * @param totalSessions   sessions since start, {@code stot}
 * @param weight          {@code weight}
 * @param lastChangeSeconds seconds since the last status change, {@code lastchg}, or null
 * @param downtimeSeconds total seconds down, {@code downtime}, or null
 * @param expectedDown    true when it is DOWN only because its role check answered "not my role" (L7STS 503 of a
 *                        member that is alive): a replica on a write proxy, the leader on a read proxy
 */
public record HaproxyServer(String proxy, String name, String address, String member, String status,
                            String checkStatus, Integer checkCode, long sessions, long maxSessions,
                            long totalSessions, int weight, Long lastChangeSeconds, Long downtimeSeconds,
                            boolean expectedDown) {

    /** True when HAProxy sends new sessions to it: UP (also while a check is failing, {@code UP 1/2}). */
    public boolean up() {
        return status != null && status.startsWith("UP");
    }
}
