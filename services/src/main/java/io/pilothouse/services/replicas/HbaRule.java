package io.pilothouse.services.replicas;

import java.net.InetAddress;
import java.util.List;

/**
 * One line of {@code pg_hba_file_rules}.
 *
 * @param lineNumber line in pg_hba.conf
 * @param type       {@code local}, {@code host}, {@code hostssl}, {@code hostnossl}, ...
 * @param databases  the database column ({@code replication}, {@code all}, names)
 * @param users      the user column ({@code all}, names, {@code +group})
 * @param address    the address column (an IP, {@code all}, {@code samehost}, a host name), or null for local
 * @param netmask    the netmask column, or null
 * @param method     the auth method ({@code scram-sha-256}, {@code reject}, ...)
 */
public record HbaRule(int lineNumber, String type, List<String> databases, List<String> users, String address,
                      String netmask, String method) {

    /**
     * True when this rule decides a replication connection of {@code user} from {@code client} over TCP: PostgreSQL
     * takes the first such rule. {@code all} in the database column does not match replication connections.
     */
    boolean matchesReplication(String user, InetAddress client) {
        if (!type.startsWith("host")) {
            return false;
        }
        if (!databases.contains("replication")) {
            return false;
        }
        if (!users.contains("all") && !users.contains(user)) {
            return false;
        }
        return addressMatches(client);
    }

    private boolean addressMatches(InetAddress client) {
        if (address == null || "all".equals(address)) {
            return true;
        }
        if ("samehost".equals(address) || "samenet".equals(address)) {
            return client.isLoopbackAddress();
        }
        try {
            InetAddress net = InetAddress.getByName(address);
            InetAddress mask = netmask == null ? null : InetAddress.getByName(netmask);
            byte[] a = net.getAddress();
            byte[] c = client.getAddress();
            if (a.length != c.length) {
                return false;
            }
            byte[] m = mask == null ? full(a.length) : mask.getAddress();
            for (int i = 0; i < a.length; i++) {
                if ((a[i] & m[i]) != (c[i] & m[i])) {
                    return false;
                }
            }
            return true;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static byte[] full(int length) {
        byte[] m = new byte[length];
        java.util.Arrays.fill(m, (byte) 0xff);
        return m;
    }

    /** As pg_hba.conf shows it: {@code line 7: host replication all 127.0.0.1/32 scram-sha-256}. */
    String describe() {
        return "line " + lineNumber + ": " + type + " " + String.join(",", databases) + " " + String.join(",", users)
                + (address == null ? "" : " " + address + (netmask == null ? "" : "/" + netmask)) + " " + method;
    }
}
