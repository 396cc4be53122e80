package io.pilothouse.app.e2e;

import io.pilothouse.app.wiring.AuditLogs;

import java.nio.file.Path;

/**
 * Points {@link AuditLogs#PROPERTY} at a test's audit file and, on {@link #close()}, puts back what was there
 * before (or clears it). Set it before a session or command starts: the guard reads it then.
 */
final class AuditLogProperty implements AutoCloseable {

    private final String previous;

    private AuditLogProperty(String previous) {
        this.previous = previous;
    }

    static AuditLogProperty pointAt(Path auditLog) {
        return new AuditLogProperty(System.setProperty(AuditLogs.PROPERTY, auditLog.toString()));
    }

    @Override
    public void close() {
        if (previous == null) {
            System.clearProperty(AuditLogs.PROPERTY);
        } else {
            System.setProperty(AuditLogs.PROPERTY, previous);
        }
    }
}
