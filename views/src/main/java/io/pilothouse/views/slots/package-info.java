/** Replication slots per node and the leader's WAL archiving: a table per node bound to immutable probe results. */
package io.pilothouse.views.slots;
