package io.pilothouse.services.indoubt;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pattern from the workspace ({@code indoubt.patterns}): a regular expression matched against the whole gid, with
 * a named group {@code global} and optionally {@code node}. A match whose {@code global} group is empty or did not
 * take part does not count.
 */
final class RegexGidPattern implements GidPattern {

    private final String name;
    private final Pattern regex;
    private final boolean hasNode;

    RegexGidPattern(String name, Pattern regex) {
        this.name = Objects.requireNonNull(name, "name");
        this.regex = Objects.requireNonNull(regex, "regex");
        this.hasNode = regex.pattern().contains("(?<node>");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<GidMatch> match(String gid, Set<String> knownNodes) {
        Matcher m = regex.matcher(gid);
        if (!m.matches()) {
            return Optional.empty();
        }
        String global;
        try {
            global = m.group("global");
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (global == null || global.isEmpty()) {
            return Optional.empty();
        }
        String node = null;
        if (hasNode) {
            try {
                node = m.group("node");
            } catch (IllegalArgumentException e) {
                node = null;
            }
        }
        return Optional.of(new GidMatch(name, "pattern:" + name, global, node == null || node.isEmpty() ? null : node,
                null, null));
    }
}
