package io.pilothouse.services.sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The processes started by one launcher action, watched while waiting for readiness so that a
 * crash fails the wait at once, with that process's log, instead of after the whole timeout.
 */
final class LaunchedProcesses {

    private static final int TAIL_LINES = 25;

    /** One started process and the logs that explain it when it fails. */
    record Launched(String component, ProcessKind kind, Process process, List<Path> logs) {}

    private final List<Launched> launched = new ArrayList<>();

    void add(String component, ProcessKind kind, Process process, Path... logs) {
        launched.add(new Launched(component, kind, process, List.of(logs)));
    }

    /** Fails if any watched process has exited. */
    void check() {
        for (Launched l : launched) {
            if (!l.process().isAlive()) {
                throw new SandboxException(l.component() + " (" + l.kind().name().toLowerCase() + ", pid "
                        + l.process().pid() + ") exited with code " + l.process().exitValue()
                        + " while the sandbox was starting" + logs(l.logs()));
            }
        }
    }

    /** The tails of the logs of {@code component}, for a timeout message. */
    String logsOf(String component) {
        return logsOf(component, TAIL_LINES);
    }

    /** As {@link #logsOf(String)}, with at most {@code lines} lines per log. */
    String logsOf(String component, int lines) {
        StringBuilder out = new StringBuilder();
        launched.stream().filter(l -> l.component().equals(component)).forEach(l -> out.append(logs(l.logs(), lines)));
        return out.toString();
    }

    private static String logs(List<Path> logs) {
        return logs(logs, TAIL_LINES);
    }

    private static String logs(List<Path> logs, int lines) {
        StringBuilder out = new StringBuilder();
        logs.forEach(log -> out.append(LogTail.section(log, lines)));
        return out.toString();
    }
}
