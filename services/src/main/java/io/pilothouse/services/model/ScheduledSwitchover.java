package io.pilothouse.services.model;

/**
 * A switchover Patroni has been asked to perform later.
 *
 * @param at   ISO-8601 time, as Patroni reports it
 * @param from current leader, may be null
 * @param to   candidate, may be null (Patroni picks)
 */
public record ScheduledSwitchover(String at, String from, String to) {
}
