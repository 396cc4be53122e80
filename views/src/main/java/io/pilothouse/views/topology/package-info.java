/**
 * The live topology of one cluster: member cards arranged as the replication tree (leader on top, cascading
 * replicas below their upstream), edges labelled with sync state and lag, and banners for cluster-wide
 * conditions (no leader, stale data, maintenance, lease about to expire, scheduled switchover).
 */
package io.pilothouse.views.topology;
