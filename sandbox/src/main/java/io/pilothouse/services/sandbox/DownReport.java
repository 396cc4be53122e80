package io.pilothouse.services.sandbox;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@link SandboxLauncher#down} did.
 *
 * @param dir           the sandbox directory
 * @param processes     every process it looked at, and what became of it
 * @param survivors     pids still running afterwards (empty when the stop was clean)
 * @param elapsedMillis how long the stop took
 */
public record DownReport(
        @JsonSerialize(using = ToStringSerializer.class) Path dir,
        List<Stopped> processes,
        List<Long> survivors,
        long elapsedMillis) {

    public DownReport {
        processes = List.copyOf(processes);
        survivors = List.copyOf(survivors);
    }

    /** How a process ended. */
    public enum Outcome {
        /** It exited after a polite request (SIGTERM, or SIGINT for a postmaster without Patroni). */
        STOPPED,
        /** It ignored the polite request in time and was killed with SIGKILL. */
        KILLED,
        /** It was not running any more (or its pid now belongs to someone else). */
        NOT_RUNNING
    }

    /**
     * One process and its outcome.
     *
     * @param component {@code etcd}, {@code haproxy}, a member name, or {@code stray} for a
     *                  process found by its command line only
     * @param kind      what the process was
     * @param pid       its pid
     * @param outcome   what happened to it
     */
    public record Stopped(String component, ProcessKind kind, long pid, Outcome outcome) {}

    /** Whether nothing of the sandbox is left running. */
    @JsonIgnore
    public boolean clean() {
        return survivors.isEmpty();
    }
}
