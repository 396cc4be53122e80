package io.pilothouse.app.wiring;

import io.pilothouse.services.platform.AppDirs;
import io.pilothouse.services.credentials.OsKeyring;
import io.pilothouse.services.policy.AuditKeyStore;
import io.pilothouse.services.policy.FileAuditKeyStore;
import io.pilothouse.services.policy.JsonLinesAuditLog;
import io.pilothouse.services.policy.KeyringAuditKeyStore;

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

    /**
     * The audit log in use, keyed with a key in the OS keyring when one is available, else in a 0600 file beside
     * the log. A key already in the file (an earlier run without a keyring) stays where it is.
     */
    public static JsonLinesAuditLog open() {
        Path log = path();
        return new JsonLinesAuditLog(log, keys(log));
    }

    /** Where the key of {@code log} is kept; {@code PILOTHOUSE_AUDIT_KEYRING=false} keeps it in the file. */
    static AuditKeyStore keys(Path log) {
        FileAuditKeyStore file = FileAuditKeyStore.beside(log);
        if (java.nio.file.Files.exists(file.file())
                || "false".equalsIgnoreCase(System.getenv("PILOTHOUSE_AUDIT_KEYRING"))
                || System.getProperty(PROPERTY) != null) {
            // Tests point the log somewhere temporary with the property: never write their keys to a real keyring.
            return file;
        }
        OsKeyring keyring = KEYRING;
        return keyring.isAvailable() ? new KeyringAuditKeyStore(keyring, log) : file;
    }

    private static final OsKeyring KEYRING = new OsKeyring();
}
