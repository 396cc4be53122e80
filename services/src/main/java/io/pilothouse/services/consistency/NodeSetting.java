package io.pilothouse.services.consistency;

/**
 * One row of a node's {@code pg_settings}.
 *
 * @param name           parameter name
 * @param setting        value in effect, in {@code unit}
 * @param unit           unit of {@code setting} ({@code 8kB}, {@code MB}, {@code ms}, …), or null
 * @param pendingRestart true when a changed value waits for a restart
 */
public record NodeSetting(String name, String setting, String unit, boolean pendingRestart) {
}
