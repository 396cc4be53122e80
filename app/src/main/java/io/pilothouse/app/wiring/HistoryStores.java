package io.pilothouse.app.wiring;

import io.pilothouse.services.history.store.HistoryDatabase;
import io.pilothouse.services.platform.AppDirs;

import java.nio.file.Path;

/**
 * Where this installation's history store lives: {@code PILOTHOUSE_HISTORY_DIR} (or the system property
 * {@code pilothouse.history.dir}, for tests) when set, else the platform's data directory
 * ({@link AppDirs#dataDir()}, e.g. {@code ~/.local/share/pilothouse/history.db}).
 */
public final class HistoryStores {

    /** Environment variable naming another directory. */
    public static final String ENV = "PILOTHOUSE_HISTORY_DIR";
    /** System property naming another directory (wins over the environment). */
    public static final String PROPERTY = "pilothouse.history.dir";

    private HistoryStores() {
    }

    /** The store file in use. */
    public static Path file() {
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath().resolve(HistoryDatabase.FILE_NAME);
        }
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath().resolve(HistoryDatabase.FILE_NAME);
        }
        return AppDirs.current().dataDir().resolve(HistoryDatabase.FILE_NAME);
    }
}
