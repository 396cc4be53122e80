package io.pilothouse.services.indoubt;

/**
 * A global transaction with the advice computed for it from the evidence.
 *
 * @param transaction the branches grouped under one global id
 * @param advice      commit, rollback or decide, with the evidence
 */
public record AdvisedTransaction(GlobalTransaction transaction, Advice advice) {
}
