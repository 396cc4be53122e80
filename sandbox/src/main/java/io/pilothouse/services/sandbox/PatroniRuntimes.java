package io.pilothouse.services.sandbox;

import io.pilothouse.services.platform.AppDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds (and for Patroni 4 fetches) the Patroni a sandbox runs. */
final class PatroniRuntimes {

    private static final Path SYSTEM_PATRONI = Path.of("/usr/bin/patroni");
    private static final Path SYSTEM_VERSION_FILE = Path.of("/usr/lib/python3/dist-packages/patroni/version.py");
    private static final Pattern VERSION = Pattern.compile("__version__\\s*=\\s*['\"]([^'\"]+)['\"]");

    private final TrixiePatroni trixie;
    private final Path systemPatroni;

    PatroniRuntimes(TrixiePatroni trixie, Path systemPatroni) {
        this.trixie = trixie;
        this.systemPatroni = systemPatroni;
    }

    /**
     * Patroni 3 from {@code binaries} (Debian 12's unless a test gives another), Patroni 4 cached under the app's
     * sandbox cache directory, fetched with the machine's Debian mirror.
     */
    static PatroniRuntimes forCurrentUser(SandboxUser user, Binaries binaries) {
        return new PatroniRuntimes(new TrixiePatroni(AppDirs.current().sandboxCacheDir().resolve("patroni"),
                Path.of("/etc/apt"), user), binaries.patroni());
    }

    /** The runtime of {@code release}; Patroni 4 is fetched and unpacked on first use, with progress lines. */
    PatroniRuntime resolve(PatroniRelease release, Consumer<String> progress) {
        return switch (release) {
            case PATRONI_3 -> SYSTEM_PATRONI.equals(systemPatroni) ? system()
                    : new PatroniRuntime(systemVersion(), systemPatroni.toString(), null);
            case PATRONI_4 -> trixie.ensure(progress);
        };
    }

    /** Debian 12's {@code /usr/bin/patroni}, its version read from the installed module (no process started). */
    static PatroniRuntime system() {
        return new PatroniRuntime(systemVersion(), SYSTEM_PATRONI.toString(), null);
    }

    private static String systemVersion() {
        try {
            Matcher m = VERSION.matcher(Files.readString(SYSTEM_VERSION_FILE));
            return m.find() ? m.group(1) : "3";
        } catch (IOException e) {
            return "3";
        }
    }
}
