package io.pilothouse.services.patroni;

/** Normalises Patroni REST URLs: members advertise {@code http://host:8008/patroni}; we call paths below the base. */
public final class PatroniUrls {

    private PatroniUrls() {
    }

    /** {@code http://h:8008/patroni} or {@code http://h:8008/} → {@code http://h:8008}. */
    public static String base(String url) {
        if (url == null) {
            return null;
        }
        String u = url.trim();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        if (u.endsWith("/patroni")) {
            u = u.substring(0, u.length() - "/patroni".length());
        }
        return u;
    }
}
