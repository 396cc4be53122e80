package io.pilothouse.services.history;

/**
 * A message for the user outside the window.
 *
 * @param title    short headline ({@code Failover in orders-prod})
 * @param message  one or two sentences saying what happened
 * @param severity how urgent
 */
public record Notification(String title, String message, Severity severity) {
}
