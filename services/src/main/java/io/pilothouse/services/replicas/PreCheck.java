package io.pilothouse.services.replicas;

import java.util.List;

/**
 * One pre-check of adding or removing a replica: what was checked, how it came out and why.
 *
 * @param name    short name, e.g. {@code data directory}
 * @param outcome pass, fail or unknown
 * @param reason  the measured facts in words, e.g. {@code /srv/pg/node4 is absent (pg_basebackup creates it)}
 */
public record PreCheck(String name, CheckOutcome outcome, String reason) {

    static PreCheck pass(String name, String reason) {
        return new PreCheck(name, CheckOutcome.PASS, reason);
    }

    static PreCheck fail(String name, String reason) {
        return new PreCheck(name, CheckOutcome.FAIL, reason);
    }

    /** The read-only commands run on the target for the checks, so the preview and the audit show them too. */
    static PreCheck read(List<String> commands) {
        return new PreCheck("read on the target", CheckOutcome.READ, String.join("; ", commands)
                + " (read only: nothing there was changed)");
    }

    static PreCheck unknown(String name, String reason) {
        return new PreCheck(name, CheckOutcome.UNKNOWN, reason);
    }

    /** One line for a terminal: {@code [PASS] data directory: ...}. */
    public String line() {
        return "[" + outcome + "] " + name + ": " + reason;
    }
}
