package io.pilothouse.services.switchover;

import java.util.Objects;

/**
 * One cell of the pre-check matrix.
 *
 * @param check   which check
 * @param verdict pass, warn or fail
 * @param reason  one line in words: what was found, and for a failure what to do
 */
public record CheckResult(CheckId check, Verdict verdict, String reason) {

    public CheckResult {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(verdict, "verdict");
        reason = reason == null ? "" : reason;
    }

    static CheckResult pass(CheckId check, String reason) {
        return new CheckResult(check, Verdict.PASS, reason);
    }

    static CheckResult warn(CheckId check, String reason) {
        return new CheckResult(check, Verdict.WARN, reason);
    }

    static CheckResult fail(CheckId check, String reason) {
        return new CheckResult(check, Verdict.FAIL, reason);
    }
}
