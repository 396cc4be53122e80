/**
 * The history store: everything the live model learns (events, alerts, operation outcomes, lag at 1 Hz, periodic
 * full snapshots) kept in one embedded SQLite file so that any stored second can be rebuilt after a restart. Written
 * by one background writer from a bounded queue that never blocks the live model; a corrupt file is set aside and
 * rebuilt, an unwritable one bypassed, and either is reported through {@link io.pilothouse.services.history.store.StoreStatus}.
 */
package io.pilothouse.services.history.store;
