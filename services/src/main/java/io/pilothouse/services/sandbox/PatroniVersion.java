package io.pilothouse.services.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The version of the Patroni a sandbox would run, as {@code patroni --version} prints it ({@code patroni 3.0.2}). */
final class PatroniVersion {

    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?");
    private static final long TIMEOUT_SECONDS = 30;

    private PatroniVersion() {
    }

    /** The major version in {@code output}, or -1 when there is none. */
    static int major(String output) {
        Matcher m = VERSION.matcher(output == null ? "" : output);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** Runs {@code patroni --version} (bounded); the printed line, trimmed. */
    static String of(Path patroni) {
        ProcessBuilder b = new ProcessBuilder(List.of(patroni.toString(), "--version")).redirectErrorStream(true);
        b.environment().keySet().removeIf(k -> k.startsWith("PATRONI_"));
        try {
            Process p = b.start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new SandboxException(patroni + " --version did not answer within " + TIMEOUT_SECONDS + " s");
            }
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new SandboxException("Cannot run " + patroni + " --version: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("Interrupted while asking " + patroni + " for its version", e);
        }
    }
}
