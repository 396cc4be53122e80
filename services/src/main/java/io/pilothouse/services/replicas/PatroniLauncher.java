package io.pilothouse.services.replicas;

import io.pilothouse.services.hosts.CommandResult;
import io.pilothouse.services.hosts.HostCommandException;
import io.pilothouse.services.hosts.ShellQuoting;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How Patroni runs on the target, the way the sandbox runs it: Debian's {@code patroni} on the PATH, or an unpacked
 * Debian package (Patroni 4 from trixie) run by the system python3 with its {@code dist-packages} on PYTHONPATH.
 */
final class PatroniLauncher {

    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\.\\d+");

    private final List<String> command;
    private final String version;

    private PatroniLauncher(List<String> command, String version) {
        this.command = command;
        this.version = version;
    }

    /** Finds Patroni on the target and asks its version; empty when it does not run. */
    static Optional<PatroniLauncher> find(TargetHost host, Optional<String> unpackedPackage)
            throws HostCommandException {
        List<String> command = unpackedPackage.map(dir -> List.of("env", "PYTHONPATH=" + dir
                        + "/usr/lib/python3/dist-packages", "/usr/bin/python3", dir + "/usr/bin/patroni"))
                .orElse(List.of("patroni"));
        List<String> ask = new ArrayList<>(command);
        ask.add("--version");
        CommandResult result = host.probe(ask);
        if (!result.ok()) {
            return Optional.empty();
        }
        Matcher m = VERSION.matcher(result.stdout());
        return m.find() ? Optional.of(new PatroniLauncher(command, m.group())) : Optional.empty();
    }

    String version() {
        return version;
    }

    static int major(String version) {
        Matcher m = version == null ? null : VERSION.matcher(version);
        return m != null && m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /**
     * Starts Patroni in its own session, detached from the shell (so the command returns at once and the shell's
     * end does not stop it), its output in {@code log}, its pid in {@code pidFile}.
     */
    List<String> startCommand(String config, String log, String pidFile) {
        List<String> run = new ArrayList<>(command);
        run.add(config);
        String line = "setsid " + ShellQuoting.render(run) + " > " + ShellQuoting.quote(log) + " 2>&1 < /dev/null & "
                + "echo $! > " + ShellQuoting.quote(pidFile);
        return List.of("sh", "-c", line);
    }
}
