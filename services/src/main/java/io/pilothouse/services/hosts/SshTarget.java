package io.pilothouse.services.hosts;

import java.util.regex.Pattern;

/**
 * Where an SSH shell logs in: {@code user@host[:port]}. Parsed strictly, because the parts end up on command lines
 * the user is told to run ({@code ssh-keyscan}, {@code ssh}): a name that could be read as an option or hold shell
 * characters is refused, not quoted.
 *
 * @param user the login user
 * @param host a DNS name, an IPv4 address or an IPv6 address (written {@code [::1]} in the destination)
 * @param port the SSH port, 22 unless given
 */
public record SshTarget(String user, String host, int port) {

    public static final int DEFAULT_PORT = 22;

    private static final Pattern USER = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,31}");
    private static final Pattern HOST_NAME =
            Pattern.compile("(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final String FORM = "write it as user@host or user@host:port (e.g. postgres@db3.example.com:22)";

    public SshTarget {
        if (!USER.matcher(user).matches()) {
            throw new IllegalArgumentException("'" + printable(user) + "' is not a user name SSH can log in as: "
                    + "letters, digits, '_', '.', '-', not starting with '-' or a digit; " + FORM);
        }
        if (!HOST_NAME.matcher(host).matches() && !(host.contains(":") && IPV6.matcher(host).matches())) {
            throw new IllegalArgumentException("'" + printable(host) + "' is not a host name or address: "
                    + "letters, digits, '-' and '.' (or an IPv6 address in brackets, [::1]); " + FORM);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not between 1 and 65535; " + FORM);
        }
    }

    /**
     * Reads {@code user@host}, {@code user@host:port} or {@code user@[v6addr]:port}.
     *
     * @throws IllegalArgumentException with a one-line message saying what is wrong and how to write it
     */
    public static SshTarget parse(String destination) {
        String text = destination == null ? "" : destination.strip();
        int at = text.lastIndexOf('@');
        if (text.isEmpty()) {
            throw new IllegalArgumentException("the SSH destination is empty; " + FORM);
        }
        if (at <= 0) {
            throw new IllegalArgumentException("'" + printable(text) + "' names no user to log in as; " + FORM);
        }
        String user = text.substring(0, at);
        String rest = text.substring(at + 1);
        String host = rest;
        int port = DEFAULT_PORT;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("'" + printable(text) + "' opens '[' without closing it; " + FORM);
            }
            host = rest.substring(1, close);
            String after = rest.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw new IllegalArgumentException("'" + printable(text) + "' has text after ']'; " + FORM);
                }
                port = parsePort(after.substring(1), text);
            }
        } else if (rest.indexOf(':') >= 0) {
            if (rest.indexOf(':') != rest.lastIndexOf(':')) {
                throw new IllegalArgumentException("'" + printable(text)
                        + "' looks like an IPv6 address: put it in brackets, user@[::1]:22");
            }
            host = rest.substring(0, rest.indexOf(':'));
            port = parsePort(rest.substring(rest.indexOf(':') + 1), text);
        }
        return new SshTarget(user, host, port);
    }

    /** {@code user@host:port} as the user wrote it, IPv6 addresses in brackets. */
    @Override
    public String toString() {
        return user + "@" + hostForUrl() + ":" + port;
    }

    /** The host as {@code ssh-keyscan} and known_hosts write it: {@code host} on port 22, else {@code [host]:port}. */
    public String knownHostsName() {
        return port == DEFAULT_PORT ? host : "[" + host + "]:" + port;
    }

    private String hostForUrl() {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private static int parsePort(String digits, String text) {
        if (!digits.matches("[0-9]{1,5}")) {
            throw new IllegalArgumentException("'" + printable(text) + "' has no port number after ':'; " + FORM);
        }
        return Integer.parseInt(digits);
    }

    /** The value with control characters shown as '?', so a hostile value cannot rewrite the terminal line. */
    private static String printable(String value) {
        String shown = value.codePoints()
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return shown.length() > 80 ? shown.substring(0, 77) + "..." : shown;
    }
}
