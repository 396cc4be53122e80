/**
 * A cluster's leader history: Patroni's timeline records ({@code GET /history}, the DCS {@code history} key) merged
 * with the live model's events, leader changes told apart as switchover or failover, and a notification hook.
 */
package io.pilothouse.services.history;
