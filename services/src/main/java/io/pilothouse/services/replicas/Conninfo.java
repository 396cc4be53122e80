package io.pilothouse.services.replicas;

import java.nio.charset.StandardCharsets;

/** libpq connection strings and pgpass lines, each value escaped by one helper. */
final class Conninfo {

    private Conninfo() {
    }

    /** A conninfo value: bare when it holds nothing libpq parses, else single-quoted with {@code \} and {@code '} escaped. */
    static String value(String v) {
        if (!v.isEmpty() && v.matches("[A-Za-z0-9_.:/@+-]+")) {
            return v;
        }
        return "'" + v.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** How the replica on the target reaches its upstream as the replication role, password from {@code passfile}. */
    static String replication(String upHost, int upPort, String user, String passfile, String applicationName) {
        return "host=" + value(upHost) + " port=" + upPort + " user=" + value(user) + " passfile=" + value(passfile)
                + " application_name=" + value(applicationName);
    }

    /** A postgresql.conf string value. */
    static String guc(String v) {
        return "'" + v.replace("'", "''") + "'";
    }

    /** One pgpass line for {@code user} at {@code host:port}, any database. */
    static byte[] pgpassLine(String host, int port, String user, char[] password) {
        String line = escape(host) + ":" + port + ":*:" + escape(user) + ":" + escape(new String(password)) + "\n";
        return line.getBytes(StandardCharsets.UTF_8);
    }

    private static String escape(String field) {
        return field.replace("\\", "\\\\").replace(":", "\\:");
    }
}
