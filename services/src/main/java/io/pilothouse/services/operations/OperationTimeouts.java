package io.pilothouse.services.operations;

import java.time.Duration;
import java.util.Objects;

/**
 * How long operations wait.
 *
 * @param command how long to wait for Patroni's answer; {@code POST /restart} answers only once PostgreSQL is back up
 * @param verify  how long to wait for the outcome to show in the live model or in {@code GET /config}
 */
public record OperationTimeouts(Duration command, Duration verify) {

    /** Two minutes for the answer, three for the outcome (a reinitialisation copies the whole database). */
    public static final OperationTimeouts DEFAULTS = new OperationTimeouts(Duration.ofSeconds(120),
            Duration.ofSeconds(180));

    public OperationTimeouts {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(verify, "verify");
        if (command.isNegative() || command.isZero() || verify.isNegative() || verify.isZero()) {
            throw new IllegalArgumentException("operation timeouts must be positive");
        }
    }
}
