package io.pilothouse.services.activity;

/**
 * How many sessions wait on one event right now.
 *
 * @param type  {@code pg_stat_activity.wait_event_type}
 * @param event {@code pg_stat_activity.wait_event}
 * @param count sessions
 */
public record WaitCount(String type, String event, int count) {

    /** {@code Lock: transactionid}. */
    public String text() {
        return event == null ? type : type + ": " + event;
    }
}
