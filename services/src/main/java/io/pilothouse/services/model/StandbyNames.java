package io.pilothouse.services.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A parsed {@code synchronous_standby_names}: {@code FIRST n (a, b)}, {@code ANY n (a, b)}, {@code n (a, b)},
 * a bare list {@code a, b} (FIRST 1) or {@code *}. Names may be double-quoted, as Patroni writes them.
 *
 * @param method  how the names are used
 * @param count   how many must confirm a commit (0 for {@link Method#NONE})
 * @param names   the names as PostgreSQL reads them (quotes removed), in order
 */
public record StandbyNames(Method method, int count, List<String> names) {

    /** The name Patroni 4 writes when strict mode has nobody eligible: no standby can ever match it. */
    public static final String STRICT_PLACEHOLDER = "__patroni_strict_sync_replica_placeholder__";

    /** How PostgreSQL uses the list. */
    public enum Method {
        /** Empty setting: commits do not wait. */
        NONE,
        /** Priority-based: the first {@code count} connected names in list order are synchronous. */
        FIRST,
        /** Quorum-based: any {@code count} of the names must confirm. */
        ANY
    }

    /** Nothing set. */
    public static final StandbyNames NONE = new StandbyNames(Method.NONE, 0, List.of());

    public StandbyNames {
        names = names == null ? List.of() : List.copyOf(names);
    }

    /** Parses the setting; a value that does not follow PostgreSQL's grammar is taken as a bare list. */
    public static StandbyNames parse(String setting) {
        if (setting == null || setting.isBlank()) {
            return NONE;
        }
        String s = setting.trim();
        Method method = Method.FIRST;
        String upper = s.toUpperCase(Locale.ROOT);
        if (upper.startsWith("ANY ") || upper.startsWith("FIRST ")) {
            method = upper.startsWith("ANY ") ? Method.ANY : Method.FIRST;
            s = s.substring(s.indexOf(' ') + 1).trim();
        }
        int open = s.indexOf('(');
        if (open > 0 && s.endsWith(")")) {
            try {
                int count = Integer.parseInt(s.substring(0, open).trim());
                return new StandbyNames(method, count, split(s.substring(open + 1, s.length() - 1)));
            } catch (NumberFormatException e) {
                // not "n (…)": read it as a bare list below
            }
        }
        return new StandbyNames(Method.FIRST, 1, split(s));
    }

    /** True when no standby can ever confirm: the strict-mode placeholder, or nothing but it. */
    public boolean onlyPlaceholder() {
        return !names.isEmpty() && names.stream().allMatch(STRICT_PLACEHOLDER::equals);
    }

    /** True for {@code *}: any connected standby may be the synchronous one (Patroni 3's strict fallback). */
    public boolean wildcard() {
        return names.size() == 1 && names.get(0).equals("*");
    }

    /** The real member names listed (without {@code *} and the placeholder). */
    public List<String> members() {
        return names.stream().filter(n -> !n.equals("*") && !n.equals(STRICT_PLACEHOLDER)).toList();
    }

    private static List<String> split(String list) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < list.length(); i++) {
            char ch = list.charAt(i);
            if (ch == '"') {
                if (quoted && i + 1 < list.length() && list.charAt(i + 1) == '"') {
                    current.append('"'); // "" inside quotes is one quote
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (ch == ',' && !quoted) {
                add(out, current);
            } else {
                current.append(ch);
            }
        }
        add(out, current);
        return out;
    }

    private static void add(List<String> out, StringBuilder current) {
        String name = current.toString().trim();
        if (!name.isEmpty()) {
            out.add(name);
        }
        current.setLength(0);
    }
}
