package io.pilothouse.app.cli;

import io.pilothouse.services.platform.AppDirs;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --dir DIR} of the sandbox commands, with the per-user default when it is omitted. */
final class SandboxDirOption {

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Sandbox directory (default: the per-user state dir; /var/tmp/pilothouse-sandbox for root).")
    Path dir;

    /** The directory given, or the default one. */
    Path resolve() {
        return dir != null ? dir.toAbsolutePath() : AppDirs.current().sandboxDir();
    }
}
