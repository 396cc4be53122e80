package io.pilothouse.services.workspace;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A workspace could not be read, validated or saved. The message is meant for the user as is: it says what is
 * wrong, where (file, line and column when known, source and field) and what to do about it. It never contains a
 * password, even when a password in the file is the problem.
 */
public final class WorkspaceException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final List<String> problems;

    /**
     * @param file     the workspace file, or null for a workspace built from the command line
     * @param problems one sentence per problem, each already naming where it is
     * @param cause    the underlying I/O or parser error, or null
     */
    public WorkspaceException(Path file, List<String> problems, Throwable cause) {
        super(format(file, problems), cause);
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    /** A single problem. */
    public WorkspaceException(Path file, String problem, Throwable cause) {
        this(file, List.of(problem), cause);
    }

    /** The workspace file concerned, if the workspace came from one. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** Every problem found, one sentence each (validation reports them all at once rather than one per attempt). */
    public List<String> problems() {
        return problems;
    }

    private static String format(Path file, List<String> problems) {
        String origin = file == null ? "Workspace from the command line" : "Workspace file " + file;
        if (problems.size() == 1) {
            return origin + ": " + problems.get(0);
        }
        StringBuilder sb = new StringBuilder(origin).append(" has ").append(problems.size()).append(" problems:");
        for (String p : problems) {
            sb.append("\n  - ").append(p);
        }
        return sb.toString();
    }
}
