/**
 * Replication slots and WAL archiving of one PostgreSQL node: which slot holds back how much WAL, since when a slot
 * has been inactive, and whether the archiver is failing. Plain JDBC, immutable results, no JavaFX.
 */
package io.pilothouse.services.slots;
