/**
 * Changes to a Patroni cluster (restart, reload, reinitialise, pause/resume, dynamic configuration) and what they
 * all share: the {@link io.pilothouse.services.operations.OperationGuard} every one of them runs inside.
 */
package io.pilothouse.services.operations;
