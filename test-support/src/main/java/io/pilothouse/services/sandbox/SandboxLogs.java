package io.pilothouse.services.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** Keeps a sandbox's logs after its directory is destroyed, so a failed CI run can be read afterwards. */
public final class SandboxLogs {

    private SandboxLogs() {}

    /**
     * Copies {@code DIR/logs/*} to {@code target/sandbox-logs/<test class>/} (relative to the
     * working directory, which surefire sets to the module), replacing an earlier run's copy.
     */
    public static Path keep(Path dir, Class<?> testClass) throws IOException {
        Path target = Path.of("target", "sandbox-logs", testClass.getSimpleName());
        Path logs = dir.resolve("logs");
        if (!Files.isDirectory(logs)) {
            return target;
        }
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(logs)) {
            for (Path log : files.filter(Files::isRegularFile).toList()) {
                Files.copy(log, target.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return target;
    }
}
