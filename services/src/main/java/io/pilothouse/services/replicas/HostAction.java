package io.pilothouse.services.replicas;

import io.pilothouse.services.hosts.ShellQuoting;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/** One thing a replica operation does: a command on the target host, a file written there, or a check it waits on. */
public sealed interface HostAction {

    /** How the action is shown in the preview and the audit record (never a secret). */
    String render();

    /** A command run on the target host as an argument vector. */
    record Command(List<String> argv, Duration timeout) implements HostAction {
        public Command {
            argv = List.copyOf(argv);
        }

        @Override
        public String render() {
            return ShellQuoting.render(argv);
        }
    }

    /**
     * A file written on the target host with {@code mode}; {@code shownAs} is what the preview says it holds
     * (secrets by reference), {@code content} is asked for only when the file is written.
     */
    record WriteFile(String path, int mode, String shownAs, Supplier<byte[]> content) implements HostAction {
        @Override
        public String render() {
            return "write " + ShellQuoting.quote(path) + " (mode " + String.format("%04o", mode) + "): " + shownAs;
        }
    }

    /** Something done from this machine (SQL on the upstream, etcd, the live model), not run on the host. */
    record Local(String description, Check check) implements HostAction {
        @Override
        public String render() {
            return "from Pilothouse: " + description;
        }
    }

    /** The body of a {@link Local}: returns a line for the report, or throws in words. */
    @FunctionalInterface
    interface Check {
        String run(java.util.function.Consumer<String> progress) throws Exception;
    }
}
