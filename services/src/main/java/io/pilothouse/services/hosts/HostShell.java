package io.pilothouse.services.hosts;

import java.time.Duration;
import java.util.List;

/**
 * One host an operation runs commands on: this machine or a remote host over SSH. The same calls work on both, so
 * a replica is added the same way locally and remotely; {@link #describe()} names the host in previews and audit
 * records.
 */
public interface HostShell extends AutoCloseable {

    /**
     * Runs one command given as an argument vector and waits at most {@code timeout} for it to end (a command that
     * outlives it is killed and reported as timed out).
     *
     * @throws HostCommandException when the command could not be started or did not end in time; a command that
     *                              ran and failed is a {@link CommandResult} with a non-zero exit code, not an
     *                              exception
     */
    CommandResult run(List<String> argv, Duration timeout) throws HostCommandException;

    /**
     * Writes a file with the given POSIX permission bits (e.g. {@code 0600}), replacing it if present; the file
     * never exists with looser permissions, not even for a moment.
     */
    void writeFile(String path, byte[] content, int mode) throws HostCommandException;

    /** Where the commands run, as shown to the user: {@code this machine} or {@code ssh postgres@db3:22}. */
    String describe();

    /** True when the commands run on this machine. */
    boolean isLocal();

    @Override
    void close();
}
