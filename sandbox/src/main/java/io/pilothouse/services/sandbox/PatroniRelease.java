package io.pilothouse.services.sandbox;

import java.util.Arrays;
import java.util.Locale;

/** Which Patroni a sandbox runs. Both run on Debian 12's python3 and the Python modules its {@code patroni} package installs. */
public enum PatroniRelease {
    /** Debian 12's own {@code patroni} package (3.0.2): {@code /usr/bin/patroni}. The default. */
    PATRONI_3("3"),
    /**
     * Debian 13 (trixie)'s {@code patroni} package (4.0.7, architecture-independent), fetched with a private apt
     * configuration and unpacked into the cache on first use; the machine's own packages never change.
     */
    PATRONI_4("4");

    private final String major;

    PatroniRelease(String major) {
        this.major = major;
    }

    /** The major version as given on the command line ({@code 3} or {@code 4}). */
    public String major() {
        return major;
    }

    /** {@code 3} or {@code 4} (also {@code 3.0.2}, {@code 4.0.7}) → a release; anything else is refused with the choices. */
    public static PatroniRelease fromOption(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (PatroniRelease r : values()) {
            if (v.equals(r.major) || v.startsWith(r.major + ".")) {
                return r;
            }
        }
        throw new IllegalArgumentException("Patroni version must be one of "
                + Arrays.stream(values()).map(PatroniRelease::major).toList() + ": " + value);
    }
}
