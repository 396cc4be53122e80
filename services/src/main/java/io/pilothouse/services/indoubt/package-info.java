/**
 * In-doubt (prepared, two-phase-commit) transactions across the estate: finding the branches on every primary,
 * grouping them into global transactions, advising commit or rollback from evidence, and resolving them.
 */
package io.pilothouse.services.indoubt;
