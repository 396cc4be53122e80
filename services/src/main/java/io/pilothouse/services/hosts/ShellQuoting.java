package io.pilothouse.services.hosts;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * POSIX shell quoting: the one place a value becomes part of a command line ({@code sh -c}, an SSH exec request,
 * a preview). A value is left bare only when it holds nothing a shell interprets; otherwise it is single-quoted,
 * with each {@code '} written as {@code '\''}.
 */
public final class ShellQuoting {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private ShellQuoting() {
    }

    /** One argument, quoted so that a POSIX shell reads it back unchanged. */
    public static String quote(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a command argument cannot hold a NUL character");
        }
        if (!value.isEmpty() && SAFE.matcher(value).matches()) {
            return value;
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /** An argument vector as one command line, each argument quoted: what previews and audit records show. */
    public static String render(List<String> argv) {
        return argv.stream().map(ShellQuoting::quote).collect(Collectors.joining(" "));
    }
}
