/**
 * DCS ↔ node consistency of a Patroni cluster: what etcd says (leader key, sync key, member keys, dynamic
 * configuration) compared with what each node answers (recovery, synchronous_standby_names, pg_stat_replication,
 * pg_settings). Pure comparisons on plain values; the live assembler feeds them.
 */
package io.pilothouse.services.consistency;
