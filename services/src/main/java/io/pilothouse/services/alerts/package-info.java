/**
 * Alerts: rules with thresholds evaluated on every published estate snapshot ({@link
 * io.pilothouse.services.alerts.AlertEvaluator}, pure and clock-driven), the active alerts per cluster as a feed
 * ({@link io.pilothouse.services.alerts.AlertsFeed}) and raised/cleared transitions as events.
 */
package io.pilothouse.services.alerts;
