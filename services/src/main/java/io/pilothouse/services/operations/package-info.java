/**
 * Changes to a Patroni cluster (restart, reload, reinitialise, pause/resume, dynamic configuration). Every one of
 * them runs inside the {@link io.pilothouse.services.policy.OperationGuard}.
 */
package io.pilothouse.services.operations;
