/**
 * A sharded demo schema on a sandbox: the HA cluster's leader as a postgres_fdw coordinator over the shard servers,
 * a hash-partitioned {@code demo.orders} spread over them, a range-partitioned {@code demo.events}, and a workload
 * that writes through the coordinator.
 */
package io.pilothouse.services.sandbox.sharding;
