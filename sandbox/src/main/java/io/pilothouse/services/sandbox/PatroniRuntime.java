package io.pilothouse.services.sandbox;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Patroni a sandbox runs, as recorded in {@code sandbox.json} so that another JVM restarts a member with the same
 * one.
 *
 * @param version    Patroni's version, e.g. {@code 3.0.2} or {@code 4.0.7}
 * @param executable the {@code patroni} entry script
 * @param pythonPath directory put first on {@code PYTHONPATH} (the unpacked package's {@code dist-packages}), or
 *                   {@code null} for the system's own Patroni, which runs as installed
 */
public record PatroniRuntime(String version, String executable, String pythonPath) {

    /** Debian 12's python3; a pyenv or venv python3 on PATH lacks the modules Patroni needs. */
    static final String SYSTEM_PYTHON = "/usr/bin/python3";

    /** The major version, e.g. {@code 4}. */
    @JsonIgnore
    public int major() {
        int dot = version.indexOf('.');
        try {
            return Integer.parseInt(dot < 0 ? version : version.substring(0, dot));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The command that starts a member with {@code config}. */
    List<String> command(Path config) {
        List<String> command = new ArrayList<>();
        if (pythonPath != null) {
            command.add(SYSTEM_PYTHON);
        }
        command.add(executable);
        command.add(config.toString());
        return command;
    }

    /** Environment variables the command needs besides the sandbox's usual ones. */
    Map<String, String> environment() {
        return pythonPath == null ? Map.of() : Map.of("PYTHONPATH", pythonPath);
    }

    /** One line for humans: {@code Patroni 4.0.7 (/var/cache/pilothouse/patroni/trixie)}. */
    @JsonIgnore
    public String describe() {
        return "Patroni " + version + (pythonPath == null ? " (" + executable + ")"
                : " (Debian trixie package in " + Path.of(executable).getParent().getParent().getParent() + ")");
    }
}
