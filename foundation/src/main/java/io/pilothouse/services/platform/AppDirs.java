package io.pilothouse.services.platform;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where Pilothouse keeps its files for the current user, following each OS's convention. Every location is
 * absolute and derived from the home directory or the OS's own variables, never from the working directory: the
 * app is often started from a shell sitting in a repository or {@code /}, and must not litter it.
 *
 * <ul>
 *   <li>Linux/Unix (XDG): config {@code $XDG_CONFIG_HOME/pilothouse} (default {@code ~/.config}), data
 *       {@code $XDG_DATA_HOME} ({@code ~/.local/share}), state {@code $XDG_STATE_HOME} ({@code ~/.local/state}),
 *       cache {@code $XDG_CACHE_HOME} ({@code ~/.cache}); logs under state.</li>
 *   <li>macOS: config, data and state in {@code ~/Library/Application Support/Pilothouse}, logs in
 *       {@code ~/Library/Logs/Pilothouse}, cache in {@code ~/Library/Caches/Pilothouse}.</li>
 *   <li>Windows: config in {@code %APPDATA%\Pilothouse} (roams with the profile); data, state, cache and logs in
 *       {@code %LOCALAPPDATA%\Pilothouse} (machine-local).</li>
 * </ul>
 *
 * <p>Construct with an explicit environment for tests; {@link #current()} reads the real one. Nothing is created
 * on disk by this class.
 */
public final class AppDirs {

    /** Shared sandbox root used when running as root; see {@link #sandboxDir()}. */
    public static final Path ROOT_SANDBOX_DIR = Path.of("/var/tmp/pilothouse-sandbox");

    /** Cache of programs the sandbox runs, when running as root; see {@link #sandboxCacheDir()}. */
    public static final Path ROOT_SANDBOX_CACHE_DIR = Path.of("/var/cache/pilothouse");

    private static final String UNIX_NAME = "pilothouse";
    private static final String DISPLAY_NAME = "Pilothouse";

    private final OsFamily os;
    private final Map<String, String> env;
    private final Path home;
    private final String userName;

    /**
     * @param os       operating-system family
     * @param env      environment variables (only the XDG and Windows profile ones are read)
     * @param home     the user's home directory; must be absolute
     * @param userName the OS user name ({@code user.name}); {@code root} changes {@link #sandboxDir()}
     * @throws IllegalArgumentException when home is not absolute, because every default hangs off it
     */
    public AppDirs(OsFamily os, Map<String, String> env, Path home, String userName) {
        this.os = Objects.requireNonNull(os, "os");
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
        Objects.requireNonNull(home, "home");
        if (!isAbsolute(os, home.toString())) {
            throw new IllegalArgumentException("home directory '" + home + "' is not absolute; set HOME (or "
                    + "user.home) to an absolute path so Pilothouse does not write into the working directory");
        }
        this.home = home.normalize();
        this.userName = userName == null ? "" : userName;
    }

    /** Convenience for an {@code os.name} string. */
    public AppDirs(String osName, Map<String, String> env, Path home, String userName) {
        this(OsFamily.fromName(osName), env, home, userName);
    }

    /** The directories of the running process (real environment, {@code user.home}, {@code user.name}). */
    public static AppDirs current() {
        return new AppDirs(OsFamily.current(), System.getenv(), Path.of(System.getProperty("user.home")),
                System.getProperty("user.name"));
    }

    /** The OS family these directories follow. */
    public OsFamily os() {
        return os;
    }

    /** The user's home directory. */
    public Path home() {
        return home;
    }

    /** User-edited settings, including the default workspace file. */
    public Path configDir() {
        return switch (os) {
            case LINUX -> xdg("XDG_CONFIG_HOME", ".config").resolve(UNIX_NAME);
            case MACOS -> macAppSupport();
            case WINDOWS -> windowsDir("APPDATA", "Roaming");
        };
    }

    /** Data the app owns and the user would miss (saved layouts, recorded sessions). */
    public Path dataDir() {
        return switch (os) {
            case LINUX -> xdg("XDG_DATA_HOME", ".local/share").resolve(UNIX_NAME);
            case MACOS -> macAppSupport();
            case WINDOWS -> windowsLocal();
        };
    }

    /** State that outlives a run but is not worth backing up: the audit log, the sandbox. */
    public Path stateDir() {
        return switch (os) {
            case LINUX -> xdg("XDG_STATE_HOME", ".local/state").resolve(UNIX_NAME);
            case MACOS -> macAppSupport();
            case WINDOWS -> windowsLocal();
        };
    }

    /** Disposable data; may be deleted at any time. */
    public Path cacheDir() {
        return switch (os) {
            case LINUX -> xdg("XDG_CACHE_HOME", ".cache").resolve(UNIX_NAME);
            case MACOS -> home.resolve("Library").resolve("Caches").resolve(DISPLAY_NAME);
            case WINDOWS -> windowsLocal().resolve("Cache");
        };
    }

    /** Application logs. XDG puts logs under state; macOS has its own Logs folder. */
    public Path logDir() {
        return switch (os) {
            case LINUX -> stateDir().resolve("logs");
            case MACOS -> home.resolve("Library").resolve("Logs").resolve(DISPLAY_NAME);
            case WINDOWS -> windowsLocal().resolve("Logs");
        };
    }

    /** The workspace opened when none is named: {@code configDir()/workspace.yaml}. */
    public Path defaultWorkspaceFile() {
        return configDir().resolve("workspace.yaml");
    }

    /** The tamper-evident audit log of mutations: {@code stateDir()/audit.jsonl}. */
    public Path auditLog() {
        return stateDir().resolve("audit.jsonl");
    }

    /**
     * Default location of the local sandbox cluster: {@code stateDir()/sandbox}, except for root on a Unix, where
     * it is {@link #ROOT_SANDBOX_DIR}. PostgreSQL refuses to run as root, so the sandbox runs as the
     * {@code postgres} user, which cannot traverse {@code /root} (mode 0700).
     */
    public Path sandboxDir() {
        if (isRoot()) {
            return ROOT_SANDBOX_DIR;
        }
        return stateDir().resolve("sandbox");
    }

    /**
     * Where downloaded programs the sandbox runs are kept (Patroni 4, unpacked from Debian's package): {@link #cacheDir()},
     * except for root on a Unix, where it is {@link #ROOT_SANDBOX_CACHE_DIR}: the sandbox runs them as the
     * {@code postgres} user, which cannot traverse {@code /root}.
     */
    public Path sandboxCacheDir() {
        if (isRoot()) {
            return ROOT_SANDBOX_CACHE_DIR;
        }
        return cacheDir();
    }

    /** True when running as the Unix superuser. */
    public boolean isRoot() {
        return os.isPosix() && "root".equals(userName);
    }

    /**
     * An XDG variable, or its default under home. The spec says relative values are invalid and must be ignored;
     * honouring them would also put files under the working directory.
     */
    private Path xdg(String variable, String defaultUnderHome) {
        Path fromEnv = absoluteFromEnv(variable);
        return fromEnv != null ? fromEnv : home.resolve(defaultUnderHome);
    }

    private Path macAppSupport() {
        return home.resolve("Library").resolve("Application Support").resolve(DISPLAY_NAME);
    }

    private Path windowsLocal() {
        return windowsDir("LOCALAPPDATA", "Local");
    }

    /** {@code %VAR%\Pilothouse}, falling back to the profile's standard {@code AppData\<sub>} folder. */
    private Path windowsDir(String variable, String appDataSubfolder) {
        Path fromEnv = absoluteFromEnv(variable);
        Path base = fromEnv != null ? fromEnv : home.resolve("AppData").resolve(appDataSubfolder);
        return base.resolve(DISPLAY_NAME);
    }

    private Path absoluteFromEnv(String variable) {
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.trim();
        return isAbsolute(os, trimmed) ? Path.of(trimmed).normalize() : null;
    }

    /**
     * Absolute for the target OS. A Windows path such as {@code C:\Users\x} is not absolute to a Unix JVM, which
     * matters when the Windows layout is computed in tests, so a drive letter counts for Windows.
     */
    private static boolean isAbsolute(OsFamily os, String path) {
        if (Path.of(path).isAbsolute()) {
            return true;
        }
        return os == OsFamily.WINDOWS && path.matches("^[A-Za-z]:[\\\\/].*");
    }

    @Override
    public String toString() {
        return "AppDirs[" + os + ", config=" + configDir() + ", state=" + stateDir() + "]";
    }
}
