package io.pilothouse.services.sandbox;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Which processes of a sandbox are alive, read from {@code DIR/sandbox.json} and the members'
 * {@code postmaster.pid}. A pid counts as alive only if it runs and its command line names the
 * sandbox directory, so a recycled pid is never mistaken for one of ours.
 *
 * @param dir       the sandbox directory
 * @param state     overall state
 * @param processes every process the sandbox should have, alive or not
 * @param patroni   the Patroni its members run ({@code Patroni 4.0.7 (…)}), or {@code null} (no sandbox, or plain)
 */
public record SandboxStatus(
        @JsonSerialize(using = ToStringSerializer.class) Path dir,
        State state,
        List<ProcessStatus> processes,
        String patroni) {

    public SandboxStatus {
        processes = List.copyOf(processes);
    }

    /** A status that names no Patroni. */
    public SandboxStatus(Path dir, State state, List<ProcessStatus> processes) {
        this(dir, state, processes, null);
    }

    /** Overall state of a sandbox directory. */
    public enum State {
        /** No {@code sandbox.json}: there is no sandbox in the directory. */
        ABSENT,
        /** Every process of the sandbox is alive. */
        RUNNING,
        /** Some processes are alive, some are not (a killed member, a stopped etcd, a half-done up). */
        DEGRADED,
        /** No process of the sandbox is alive; its files are kept. */
        STOPPED
    }

    /**
     * One process of the sandbox.
     *
     * @param component {@code etcd}, {@code haproxy}, the member name or the shard name
     * @param kind      what the process is
     * @param pid       its pid (0 if it never started)
     * @param alive     whether it runs now
     */
    public record ProcessStatus(String component, ProcessKind kind, long pid, boolean alive) {}

    /** Whether at least one process of the sandbox runs. */
    @JsonIgnore
    public boolean anyAlive() {
        return processes.stream().anyMatch(ProcessStatus::alive);
    }

    /** Whether the given process of the given component is alive. */
    public boolean isAlive(String component, ProcessKind kind) {
        return processes.stream()
                .anyMatch(p -> p.component().equals(component) && p.kind() == kind && p.alive());
    }

    /** One line for humans, e.g. {@code 7 of 7 processes alive}. */
    @JsonIgnore
    public String summary() {
        long alive = processes.stream().filter(ProcessStatus::alive).count();
        String dead = processes.stream().filter(p -> !p.alive())
                .map(p -> p.component() + "/" + p.kind().name().toLowerCase())
                .collect(Collectors.joining(", "));
        return alive + " of " + processes.size() + " processes alive" + (dead.isEmpty() ? "" : "; down: " + dead)
                + (patroni == null ? "" : "; " + patroni);
    }
}
