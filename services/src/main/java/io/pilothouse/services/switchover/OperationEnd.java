package io.pilothouse.services.switchover;

import io.pilothouse.services.policy.MutationRefusedException;

/** How an operation leaves the operation guard early, carrying its report (the guard audits each kind). */
final class OperationEnd {

    private OperationEnd() {
    }

    /** Refused by the pre-checks or by Patroni: audited as refused, returned as a report. */
    static final class Refused extends MutationRefusedException {
        private static final long serialVersionUID = 1L;
        final transient SwitchoverReport report;

        Refused(SwitchoverReport report) {
            super(null, report.summary(), null);
            this.report = report;
        }
    }

    /** Attempted and not completed: audited as failed, returned as a report. */
    static final class Unsuccessful extends Exception {
        private static final long serialVersionUID = 1L;
        final transient SwitchoverReport report;

        Unsuccessful(SwitchoverReport report) {
            super(report.summary());
            this.report = report;
        }
    }
}
