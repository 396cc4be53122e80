/**
 * Operations on the traffic layer: HAProxy server states over its runtime API, PgBouncer PAUSE / RESUME / RECONNECT
 * over its admin console, and holding clients at PgBouncer across a switchover. Every change runs inside the
 * operation guard (read-only refusal, audit, the cluster's etcd lock), shows what it will touch first and reads the
 * result back.
 */
package io.pilothouse.services.trafficops;
