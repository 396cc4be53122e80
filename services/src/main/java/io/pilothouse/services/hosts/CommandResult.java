package io.pilothouse.services.hosts;

/** What a finished command returned: its exit code and what it printed. */
public record CommandResult(int exitCode, String stdout, String stderr) {

    /** True when the command exited with 0. */
    public boolean ok() {
        return exitCode == 0;
    }

    /** The last non-blank line of standard error (or output), for a one-line error message. */
    public String lastLine() {
        String text = stderr.isBlank() ? stdout : stderr;
        String[] lines = text.strip().split("\\R");
        return lines.length == 0 ? "" : lines[lines.length - 1].strip();
    }
}
