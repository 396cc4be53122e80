package io.pilothouse.services.workspace;

import java.util.Optional;

/**
 * A PostgreSQL node as written in a workspace's {@code nodes:} list: {@code host:port}, {@code [v6addr]:port}, or
 * a bare host meaning port 5432.
 *
 * @param host host name or address (IPv6 without brackets)
 * @param port TCP port
 */
public record NodeAddress(String host, int port) {

    /** PostgreSQL's default port, used when a node is written without one. */
    public static final int DEFAULT_PORT = 5432;

    static final String EXAMPLE = "10.0.0.1:5432";

    /** {@code host:port}, as members of plain clusters are named. */
    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException with the reason in words
     */
    public static NodeAddress parse(String text) {
        Optional<String> problem = parseOrProblem(text);
        if (problem.isPresent()) {
            throw new IllegalArgumentException("node " + problem.get());
        }
        return split(text.trim());
    }

    /** Why {@code text} is not a usable node, or empty when it is. */
    static Optional<String> parseOrProblem(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of("is empty; write host:port, e.g. " + EXAMPLE);
        }
        String t = text.trim();
        if (t.contains("://")) {
            return Optional.of("'" + t + "' is a URL; write the PostgreSQL node as host:port, e.g. " + EXAMPLE);
        }
        if (t.contains("@") || t.contains("/") || t.chars().anyMatch(Character::isWhitespace)) {
            return Optional.of("'" + t + "' is not host:port; write it like " + EXAMPLE);
        }
        String host;
        String port;
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0) {
                return Optional.of("'" + t + "' opens '[' without closing it; write [::1]:5432");
            }
            host = t.substring(1, close);
            String rest = t.substring(close + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                return Optional.of("'" + t + "' is not host:port; write it like [::1]:5432");
            }
            port = rest.isEmpty() ? null : rest.substring(1);
        } else {
            int colon = t.lastIndexOf(':');
            if (colon >= 0 && t.indexOf(':') != colon) {
                return Optional.of("'" + t + "' looks like an IPv6 address; put it in brackets, e.g. [::1]:5432");
            }
            host = colon < 0 ? t : t.substring(0, colon);
            port = colon < 0 ? null : t.substring(colon + 1);
        }
        if (host.isEmpty()) {
            return Optional.of("'" + t + "' has no host; write it like " + EXAMPLE);
        }
        if (port != null) {
            int p;
            try {
                p = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                return Optional.of("'" + t + "' has port '" + port + "', which is not a number; write it like "
                        + EXAMPLE);
            }
            if (p < 1 || p > 65535) {
                return Optional.of("'" + t + "' has port " + p + ", outside 1-65535; write it like " + EXAMPLE);
            }
        }
        return Optional.empty();
    }

    private static NodeAddress split(String t) {
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            String rest = t.substring(close + 1);
            return new NodeAddress(t.substring(1, close), rest.isEmpty() ? DEFAULT_PORT : Integer.parseInt(rest.substring(1)));
        }
        int colon = t.lastIndexOf(':');
        return colon < 0 ? new NodeAddress(t, DEFAULT_PORT)
                : new NodeAddress(t.substring(0, colon), Integer.parseInt(t.substring(colon + 1)));
    }
}
