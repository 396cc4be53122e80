package io.pilothouse.services.sandbox;

import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The roles of a sandbox and their per-sandbox random passwords. {@link #toString()} never shows
 * a password, so a stray log statement cannot leak one.
 */
record Credentials(String superuserPassword, String replicationPassword, String monitorPassword,
                   String appPassword) {

    static final String SUPERUSER = "postgres";
    static final String REPLICATION = "replicator";
    static final String MONITOR = "pilothouse_monitor";
    static final String APP = "app";

    /** Letters and digits only: nothing to escape in pgpass, YAML, SQL or a URL. */
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    /** 24 characters of a 57-letter alphabet: about 140 bits. */
    private static final int LENGTH = 24;

    static Credentials generate(SecureRandom random) {
        return new Credentials(password(random), password(random), password(random), password(random));
    }

    /** Role name to password, superuser first; the order pgpass lines are written in. */
    Map<String, String> byRole() {
        Map<String, String> roles = new LinkedHashMap<>();
        roles.put(SUPERUSER, superuserPassword);
        roles.put(REPLICATION, replicationPassword);
        roles.put(MONITOR, monitorPassword);
        roles.put(APP, appPassword);
        return roles;
    }

    static String password(SecureRandom random) {
        StringBuilder password = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    @Override
    public String toString() {
        return "Credentials[" + SUPERUSER + ", " + REPLICATION + ", " + MONITOR + ", " + APP + "; passwords hidden]";
    }
}
