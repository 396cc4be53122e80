package io.pilothouse.services.policy;

import java.util.List;

/**
 * What {@link AuditLogReader} found in an audit log: every record it could parse, in file order, and the lines it
 * could not. Reading says nothing about the chain; {@link JsonLinesAuditLog#verify()} does.
 *
 * @param entries the parsed records, in file order
 * @param damaged lines that are not a readable record (skipped), in file order
 */
public record AuditLogContents(List<AuditEntry> entries, List<DamagedLine> damaged) {

    /** An empty log (no file yet). */
    public static final AuditLogContents EMPTY = new AuditLogContents(List.of(), List.of());

    public AuditLogContents {
        entries = List.copyOf(entries);
        damaged = List.copyOf(damaged);
    }

    /**
     * A line that was skipped.
     *
     * @param line    1-based line number
     * @param problem what is wrong with it, in words
     */
    public record DamagedLine(int line, String problem) {
    }
}
