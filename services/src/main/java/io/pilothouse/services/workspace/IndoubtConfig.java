package io.pilothouse.services.workspace;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The in-doubt (two-phase commit) console's settings, under the workspace's optional top-level {@code indoubt:} key.
 * Every field is optional.
 *
 * <pre>
 * indoubt:
 *   patterns:                      # tried before the built-in gid conventions, in this order
 *     - name: billing
 *       regex: "bill-(?&lt;global&gt;[0-9a-f]{32})-(?&lt;node&gt;.+)"
 *   decision:                      # where the coordinator records what it decided
 *     source: billing-cluster      # a source of this workspace; the query runs on its primary
 *     database: billing            # default: the source's postgres.database
 *     query: "SELECT committed FROM tx_decisions WHERE global_id = $1"
 *   minAgeSeconds: 60              # younger transactions may still be in progress: never advised
 * </pre>
 *
 * <p>The alerts on prepared transactions have their thresholds with the other alerts ({@code alerts:
 * preparedAgeSeconds, preparedXidAgeFraction}).
 *
 * @param patterns            user-defined gid patterns, may be empty
 * @param decision            the decision record query, or null when the coordinator keeps none
 * @param minAgeSeconds       null for {@value #DEFAULT_MIN_AGE_SECONDS}
 */
public record IndoubtConfig(List<PatternConfig> patterns, DecisionConfig decision, Long minAgeSeconds) {

    public static final long DEFAULT_MIN_AGE_SECONDS = 60;

    /** Nothing set: built-in patterns only, no decision record, default thresholds. */
    public static final IndoubtConfig DEFAULTS = new IndoubtConfig(List.of(), null, null);

    public IndoubtConfig {
        patterns = patterns == null ? List.of() : List.copyOf(patterns);
    }

    /**
     * A user-defined gid pattern: a Java regular expression matched against the whole gid, with a named group
     * {@code global} (the global transaction id) and optionally {@code node} (the participant's name).
     */
    public record PatternConfig(String name, String regex) {
    }

    /**
     * Where the coordinator's decisions are: a query with one parameter {@code $1} (the global id) returning one
     * boolean column ({@code true} = committed), run read-only on the primary of {@code source}.
     */
    public record DecisionConfig(String source, String database, String query) {
    }

    @JsonIgnore
    public long minAgeSecondsOrDefault() {
        return minAgeSeconds == null ? DEFAULT_MIN_AGE_SECONDS : minAgeSeconds;
    }

    /** Problems with the values, each naming the field; {@code sourceNames} are the workspace's source names. */
    List<String> problems(List<String> sourceNames) {
        List<String> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < patterns.size(); i++) {
            PatternConfig p = patterns.get(i);
            String where = "indoubt.patterns[" + i + "]" + (p.name() == null || p.name().isBlank() ? ""
                    : " \"" + p.name() + "\"");
            if (p.name() == null || p.name().isBlank()) {
                out.add(where + " has no name; add `name: <something>`: the console shows which pattern "
                        + "matched each gid");
            } else if (!names.add(p.name().trim().toLowerCase(Locale.ROOT))) {
                out.add(where + ", field name is already used by another pattern; give each pattern a unique name");
            }
            regexProblem(p.regex()).ifPresent(problem -> out.add(where + ", field regex " + problem));
        }
        if (decision != null) {
            decisionProblems(sourceNames, out);
        }
        notNegative(out, "minAgeSeconds", minAgeSeconds);
        return out;
    }

    private void decisionProblems(List<String> sourceNames, List<String> out) {
        String source = decision.source() == null ? null : decision.source().trim();
        if (source == null || source.isEmpty()) {
            out.add("indoubt.decision.source is missing; name the workspace source whose primary holds the "
                    + "decision table, one of: " + String.join(", ", sourceNames));
        } else if (!sourceNames.contains(source)) {
            String hint = sourceNames.stream().filter(s -> s.equalsIgnoreCase(source)).findFirst()
                    .map(s -> " (did you mean '" + s + "'? names are case-sensitive)").orElse("");
            out.add("indoubt.decision.source '" + source + "' is not a source of this workspace" + hint
                    + "; use one of: " + (sourceNames.isEmpty() ? "(no sources)" : String.join(", ", sourceNames)));
        }
        if (decision.database() != null && decision.database().isBlank()) {
            out.add("indoubt.decision.database is empty; name the database, or remove the key to use the "
                    + "source's postgres.database");
        }
        DecisionQuery.problem(decision.query()).ifPresent(p -> out.add("indoubt.decision.query " + p));
    }

    /** Why {@code regex} cannot be used as a gid pattern, or empty. */
    static java.util.Optional<String> regexProblem(String regex) {
        if (regex == null || regex.isEmpty()) {
            return java.util.Optional.of("is missing; give a regular expression with a named group `global`, "
                    + "e.g. \"(?<global>.+)_(?<node>[a-z0-9-]+)\"");
        }
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            String position = e.getIndex() < 0 ? "" : " at character " + (e.getIndex() + 1) + " of " + regex.length()
                    + " (after '" + regex.substring(0, Math.min(e.getIndex(), regex.length())) + "')";
            return java.util.Optional.of("is not a valid regular expression: " + e.getDescription() + position
                    + "; correct it (Java regex syntax, named groups as (?<name>…))");
        }
        // Java 17 has no public Pattern.namedGroups(): look for the group's opening in the text.
        if (!regex.contains("(?<global>")) {
            return java.util.Optional.of("has no named group `global`; mark the global transaction id as "
                    + "(?<global>…), and the node name as (?<node>…) if the gid carries one");
        }
        return java.util.Optional.empty();
    }

    private static void notNegative(List<String> out, String field, Number v) {
        if (v != null && v.doubleValue() < 0) {
            out.add("indoubt." + field + " is " + v + "; it must be 0 or more seconds (leave it out for the "
                    + "default)");
        }
    }
}
