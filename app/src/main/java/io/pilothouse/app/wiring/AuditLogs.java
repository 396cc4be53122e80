package io.pilothouse.app.wiring;

import io.pilothouse.services.platform.AppDirs;
import io.pilothouse.services.policy.JsonLinesAuditLog;

import java.nio.file.Path;

/**
 * Where this installation's audit log lives: {@code PILOTHOUSE_AUDIT_LOG} (or the system property
 * {@code pilothouse.audit.log}, for tests) when set, else {@link AppDirs#auditLog()}. Every window and every command
 * line run of one user appends to the same chain.
 */
public final class AuditLogs {

    /** Environment variable naming another audit log file. */
    public static final String ENV = "PILOTHOUSE_AUDIT_LOG";
    /** System property naming another audit log file (wins over the environment). */
    public static final String PROPERTY = "pilothouse.audit.log";

    private AuditLogs() {
    }

    /** The audit log file in use. */
    public static Path path() {
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath();
        }
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath();
        }
        return AppDirs.current().auditLog();
    }

    /** The audit log in use. */
    public static JsonLinesAuditLog open() {
        return new JsonLinesAuditLog(path());
    }
}
