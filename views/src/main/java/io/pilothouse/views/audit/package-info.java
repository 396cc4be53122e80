/** The audit log window: audited changes with their evidence, filters, and the state of the hash chain. */
package io.pilothouse.views.audit;
