/**
 * What may change the estate, and the record of what did: the {@link io.pilothouse.services.policy.MutationGate}
 * (read-only workspaces refuse), the {@link io.pilothouse.services.policy.AuditTrail}, and the
 * {@link io.pilothouse.services.policy.OperationGuard} every mutating service call runs inside (gate, audit and the
 * operation lock together).
 */
package io.pilothouse.services.policy;
