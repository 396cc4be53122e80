package io.pilothouse.services.operations;

import java.util.List;

/**
 * One row of the leader's {@code pg_settings}: what a {@code postgresql.parameters} change is checked against.
 *
 * @param name           parameter name
 * @param setting        value in effect, in {@code unit}
 * @param unit           unit of {@code setting}, {@code min} and {@code max} ({@code 8kB}, {@code kB}, {@code ms}…), or
 *                       null
 * @param vartype        {@code bool}, {@code integer}, {@code real}, {@code string} or {@code enum}
 * @param context        when a change applies: {@code postmaster} (restart), {@code sighup} (reload),
 *                       {@code internal} (never), …
 * @param min            lowest value in {@code unit}, or null
 * @param max            highest value in {@code unit}, or null
 * @param enumValues     the allowed values of an enum, else empty
 * @param pendingRestart true when a changed value waits for a restart
 */
public record PgSetting(String name, String setting, String unit, String vartype, String context, String min,
                        String max, List<String> enumValues, boolean pendingRestart) {

    public PgSetting {
        enumValues = enumValues == null ? List.of() : List.copyOf(enumValues);
    }

    /** True when a change only takes effect after PostgreSQL restarts. */
    public boolean needsRestart() {
        return "postmaster".equals(context);
    }

    /** The value in effect as a DBA writes it ({@code 128MB}, {@code 4MB}, {@code 200ms}, {@code on}). */
    public String effective() {
        return SettingUnits.readable(setting, unit);
    }

    /** When a change applies, in words. */
    public String applies() {
        return switch (context == null ? "" : context) {
            case "postmaster" -> "needs a restart" + (pendingRestart ? " (a restart is already pending)" : "");
            case "internal" -> "cannot be changed";
            case "backend", "superuser-backend" -> "on reload, for new connections";
            default -> "on reload";
        };
    }
}
