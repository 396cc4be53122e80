package io.pilothouse.services.platform;

import java.util.Locale;

/** The operating-system families whose conventions for per-user directories differ. */
public enum OsFamily {
    /** Linux and other Unix-likes: XDG base directories. */
    LINUX,
    /** macOS: {@code ~/Library/...}. */
    MACOS,
    /** Windows: {@code %APPDATA%} and {@code %LOCALAPPDATA%}. */
    WINDOWS;

    /**
     * Classifies a {@code os.name} value. Anything that is neither Windows nor macOS is treated as a Unix with XDG
     * directories, which is what the BSDs and Solaris desktops use too.
     */
    public static OsFamily fromName(String osName) {
        String n = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
        if (n.startsWith("windows")) {
            return WINDOWS;
        }
        if (n.startsWith("mac") || n.contains("darwin") || n.contains("os x")) {
            return MACOS;
        }
        return LINUX;
    }

    /** The family of the running JVM. */
    public static OsFamily current() {
        return fromName(System.getProperty("os.name"));
    }

    /** True where file modes (owner/group/other bits) are meaningful. */
    public boolean isPosix() {
        return this != WINDOWS;
    }
}
