package io.pilothouse.services.trafficops;

/** The administrative state of an HAProxy server, as {@code set server B/S state …} sets it. */
public enum HaproxyServerState {
    /** Back in service: takes connections again as its health check allows. */
    READY("ready", "haproxy-server-ready"),
    /** Draining: keeps its sessions, takes no new connections (persistent ones excepted). */
    DRAIN("drain", "haproxy-server-drain"),
    /** Maintenance: takes nothing new; its health checks stop. */
    MAINT("maint", "haproxy-server-maint");

    private final String word;
    private final String action;

    HaproxyServerState(String word, String action) {
        this.word = word;
        this.action = action;
    }

    /** HAProxy's word: {@code ready}, {@code drain}, {@code maint}. */
    public String word() {
        return word;
    }

    /** The audit log's action name. */
    public String action() {
        return action;
    }

    /** True when {@code status} (from {@code show stat}) shows this state has taken effect. */
    boolean shownBy(String status) {
        return switch (this) {
            case READY -> !status.contains("MAINT") && !status.contains("DRAIN");
            case DRAIN -> status.contains("DRAIN") || status.startsWith("DOWN");
            case MAINT -> status.contains("MAINT");
        };
    }

    /** Parses {@code ready|drain|maint} (any case). */
    public static HaproxyServerState parse(String s) {
        for (HaproxyServerState v : values()) {
            if (v.word.equalsIgnoreCase(s == null ? "" : s.strip())) {
                return v;
            }
        }
        throw new IllegalArgumentException("state must be ready, drain or maint, not '" + s + "'");
    }
}
