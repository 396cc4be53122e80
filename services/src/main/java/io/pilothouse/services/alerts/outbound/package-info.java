/**
 * Alerts that leave the app: raised and cleared alerts forwarded to an Alertmanager (API v2) and to a generic JSON
 * webhook, each through its own bounded {@link io.pilothouse.services.alerts.outbound.DeliveryQueue} so the model
 * never waits for a receiver; the last delivery result of each target is kept for {@code pilothouse alerts}.
 */
package io.pilothouse.services.alerts.outbound;
