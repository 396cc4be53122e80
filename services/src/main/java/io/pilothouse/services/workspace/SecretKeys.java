package io.pilothouse.services.workspace;

import java.util.Locale;
import java.util.Set;

/** Recognises keys that would hold a password, whatever the spelling or nesting. */
final class SecretKeys {

    private static final Set<String> NAMES = Set.of("password", "passwd", "pwd", "pgpassword", "secret");

    private SecretKeys() {
    }

    /** True for {@code password}, {@code Password}, {@code pg_password}, {@code db-password}, {@code passwd} …. */
    static boolean isSecret(String key) {
        if (key == null) {
            return false;
        }
        String n = key.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
        return NAMES.contains(n) || n.endsWith("password");
    }

    /** The refusal, shared with every place that finds one. */
    static final String ADVICE = "passwords do not belong in the workspace file; use a pgpass file or the OS keyring";
}
