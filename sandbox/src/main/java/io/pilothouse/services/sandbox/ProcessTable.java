package io.pilothouse.services.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Looks at and signals processes by pid. Linux only, like the sandbox: it reads {@code /proc}.
 *
 * <p>A pid "belongs" to a sandbox only if the process runs and its command line contains the
 * sandbox directory; every launcher action checks that before sending a signal, so a pid recycled
 * since {@code sandbox.json} was written is never touched.
 */
final class ProcessTable {

    /** State of a pid that does not exist. */
    static final char GONE = '?';

    private static final Duration POLL = Duration.ofMillis(50);

    private ProcessTable() {}

    /**
     * Whether {@code pid} exists and is not a zombie. Zombies count as dead: a postmaster whose
     * parent exited is re-parented to PID 1, which in some containers never reaps it.
     */
    static boolean isRunning(long pid) {
        char state = state(pid);
        return state != GONE && state != 'Z' && state != 'X';
    }

    /** The state letter of {@code /proc/PID/stat} ({@code R}, {@code S}, {@code T} = stopped, …), or {@link #GONE}. */
    static char state(long pid) {
        if (pid <= 0) {
            return GONE;
        }
        try {
            String stat = new String(readProcFile(Path.of("/proc", Long.toString(pid), "stat")), StandardCharsets.UTF_8);
            // "pid (comm) S ..." where comm may itself hold spaces and parentheses.
            int end = stat.lastIndexOf(')');
            return end > 0 && end + 2 < stat.length() ? stat.charAt(end + 2) : GONE;
        } catch (IOException e) {
            return GONE;
        }
    }

    /**
     * Waits until every running process of {@code pids} is (or, with {@code stopped} false, is no
     * longer) in the stopped state: a signal is only delivered once its target gets scheduled.
     */
    static boolean awaitStopped(Collection<Long> pids, boolean stopped, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            boolean done = pids.stream().filter(ProcessTable::isRunning).allMatch(pid -> (state(pid) == 'T') == stopped);
            if (done || System.nanoTime() - deadline >= 0) {
                return done;
            }
            sleep(Duration.ofMillis(10));
        }
    }

    /** The argument vector of {@code pid}, joined with spaces; empty if the process is gone. */
    static Optional<String> commandLine(long pid) {
        if (pid <= 0) {
            return Optional.empty();
        }
        try {
            byte[] raw = readProcFile(Path.of("/proc", Long.toString(pid), "cmdline"));
            String line = new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').trim();
            return line.isEmpty() ? Optional.empty() : Optional.of(line);
        } catch (IOException e) {
            return ProcessHandle.of(pid).flatMap(h -> h.info().commandLine());
        }
    }

    /** Whether {@code pid} runs and its command line names a path inside {@code dir}. */
    static boolean belongsTo(long pid, Path dir) {
        return isRunning(pid) && commandLine(pid).map(line -> mentions(line, dir)).orElse(false);
    }

    static boolean mentions(String commandLine, Path dir) {
        return commandLine.contains(dir + "/") || commandLine.endsWith(dir.toString())
                || commandLine.contains(dir + " ");
    }

    /** Every running process whose command line names {@code dir}. */
    static List<Long> mentioning(Path dir) {
        List<Long> pids = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(p -> {
            if (p.pid() != ProcessHandle.current().pid() && belongsTo(p.pid(), dir)) {
                pids.add(p.pid());
            }
        });
        return pids;
    }

    /** Running descendants of {@code pid} (for a postmaster: its backends and auxiliary processes). */
    static List<Long> descendants(long pid) {
        return ProcessHandle.of(pid).stream()
                .flatMap(ProcessHandle::descendants)
                .map(ProcessHandle::pid)
                .filter(ProcessTable::isRunning)
                .toList();
    }

    /** Sends {@code signal} to {@code pid}; false if the process was already gone. */
    static boolean signal(long pid, Signal signal) {
        if (!isRunning(pid)) {
            return false;
        }
        switch (signal) {
            case TERM:
                return ProcessHandle.of(pid).map(ProcessHandle::destroy).orElse(false);
            case KILL:
                return ProcessHandle.of(pid).map(ProcessHandle::destroyForcibly).orElse(false);
            default:
                // ProcessHandle only knows TERM and KILL.
                return kill(pid, signal);
        }
    }

    /** Waits until none of {@code pids} runs; returns those still running at the timeout. */
    static List<Long> awaitExit(Collection<Long> pids, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Long> running = pids.stream().filter(ProcessTable::isRunning).toList();
        while (!running.isEmpty() && System.nanoTime() < deadline) {
            sleep(POLL);
            running = running.stream().filter(ProcessTable::isRunning).toList();
        }
        return running;
    }

    /** The postmaster pid recorded in {@code dataDir/postmaster.pid}, or 0 if there is none. */
    static long postmasterPid(Path dataDir) {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"));
            return lines.isEmpty() ? 0 : Long.parseLong(lines.get(0).trim());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Reads a file of {@code /proc} to its end. {@link Files#readAllBytes} trusts the size the
     * file reports, which for proc and sys files is 0 or 4096 and unrelated to the content: it
     * returned one byte of {@code ip_local_port_range} here.
     */
    static byte[] readProcFile(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readAllBytes();
        }
    }

    private static boolean kill(long pid, Signal signal) {
        try {
            Process kill = new ProcessBuilder("/bin/kill", "-s", signal.name(), Long.toString(pid))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return kill.waitFor(5, TimeUnit.SECONDS) && kill.exitValue() == 0;
        } catch (IOException e) {
            throw new SandboxException("Cannot run /bin/kill: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("Interrupted while sending SIG" + signal + " to " + pid, e);
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("Interrupted", e);
        }
    }
}
