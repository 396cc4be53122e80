package io.pilothouse.services.sandbox;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads and writes {@code DIR/sandbox.json}. {@code up} writes it before the first process starts
 * and again after each one, so that {@code down} finds every pid even if the JVM that ran
 * {@code up} died halfway.
 */
final class SandboxState {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            // Newer launchers may add fields; an older one must still be able to stop the sandbox.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private SandboxState() {}

    static void write(SandboxLayout layout, SandboxInfo info) {
        try {
            PrivateFiles.write(layout.stateFile(), JSON.writeValueAsString(info) + "\n", PrivateFiles.WORLD_READABLE);
        } catch (IOException e) {
            throw new SandboxException("Cannot write " + layout.stateFile() + ": " + e.getMessage(), e);
        }
    }

    static Optional<SandboxInfo> read(SandboxLayout layout) {
        Path file = layout.stateFile();
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), SandboxInfo.class));
        } catch (IOException e) {
            throw new SandboxException("Cannot read " + file + " (" + e.getMessage()
                    + "); stop leftover processes by hand or delete the directory", e);
        }
    }

    static SandboxInfo require(SandboxLayout layout) {
        return read(layout).orElseThrow(() -> new SandboxException(
                "No sandbox in " + layout.dir() + " (no sandbox.json); start one with up"));
    }
}
