package io.pilothouse.services.sandbox;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short-lived tool (apt-get, dpkg-deb, {@code patroni --version}) to completion within a time limit, its
 * output kept in a file; never a sandbox process.
 *
 * @param exitCode the tool's exit code
 * @param output   what it printed (stdout and stderr)
 */
record ToolRun(int exitCode, String output) {

    /** Runs {@code command} in {@code dir}; output goes to {@code log}. Fails with a clear message on a time-out. */
    static ToolRun run(List<String> command, Path dir, Map<String, String> environment, Path log, Duration limit) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().put("LC_ALL", "C.UTF-8");
        builder.environment().putAll(environment);
        Process p;
        try {
            p = builder.start();
        } catch (IOException e) {
            throw new SandboxException("Cannot run " + command.get(0) + ": " + e.getMessage(), e);
        }
        try {
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
                throw new SandboxException(String.join(" ", command.subList(0, Math.min(2, command.size())))
                        + " did not finish within " + limit.toSeconds() + " s" + LogTail.section(log, 15));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new SandboxException("Interrupted while running " + command.get(0), e);
        }
        try {
            return new ToolRun(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SandboxException("Cannot read " + log + ": " + e.getMessage(), e);
        }
    }

    boolean succeeded() {
        return exitCode == 0;
    }

    /** The last lines of the output, for an error message. */
    String tail(int lines) {
        List<String> all = output.strip().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
