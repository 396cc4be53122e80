package io.pilothouse.services.sandbox;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Starts sandbox processes: detached, as the {@link SandboxUser}, output appended to a log file,
 * with an environment cleaned of anything that would silently reconfigure them.
 */
final class ProcessRunner {

    /**
     * Prefixes read as configuration by the programs we start: libpq ({@code PGHOST},
     * {@code PGPASSWORD}…), Patroni ({@code PATRONI_*} override the YAML) and etcd ({@code ETCD_*}
     * clash with its config file).
     */
    private static final List<String> FOREIGN_CONFIG = List.of("PG", "PATRONI_", "ETCD_", "ETCDCTL_");

    private final SandboxUser user;

    ProcessRunner(SandboxUser user) {
        this.user = user;
    }

    /**
     * Starts {@code command}; its stdout and stderr are appended to {@code log}.
     *
     * @param home becomes {@code HOME}, so no tool reads dot-files of the invoking user
     */
    Process start(List<String> command, Path home, Path log) {
        return start(command, home, log, Map.of());
    }

    /** As {@link #start(List, Path, Path)}, with {@code extraEnvironment} set on top (e.g. {@code PYTHONPATH}). */
    Process start(List<String> command, Path home, Path log, Map<String, String> extraEnvironment) {
        ProcessBuilder builder = new ProcessBuilder(user.detached(command))
                .directory(home.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(key -> FOREIGN_CONFIG.stream().anyMatch(key::startsWith));
        env.put("HOME", home.toString());
        env.put("LC_ALL", "C.UTF-8");
        env.put("LANG", "C.UTF-8");
        env.put("TZ", "UTC");
        env.putAll(extraEnvironment);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new SandboxException("Cannot start " + command.get(0) + ": " + e.getMessage(), e);
        }
    }
}
