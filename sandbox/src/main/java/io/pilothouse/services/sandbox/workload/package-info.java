/**
 * Workloads against a running sandbox, for demos and tests of what Pilothouse shows: {@link
 * io.pilothouse.services.sandbox.workload.TwoPhaseWorkload} runs real two-phase commits across the HA cluster's
 * leader and the shards and leaves in-doubt transactions behind on request. JDBC only; no JavaFX.
 */
package io.pilothouse.services.sandbox.workload;
