package io.pilothouse.services.credentials;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The entries of a pgpass file and libpq's matching rules, without any file access (see {@link PgPassLookup}).
 *
 * <p>Format, as libpq reads it: one {@code hostname:port:database:username:password} per line; a field that is
 * exactly {@code *} matches anything; {@code \:} and {@code \\} stand for a literal colon and backslash (a
 * backslash before any other character just yields that character); lines starting with {@code #} are comments;
 * lines with fewer than five fields never match; anything after an unescaped colon following the password is
 * ignored. The <em>first</em> matching line wins, even if its password is empty.
 */
public final class PgPassFile {

    /** What libpq reads a blank host as (the same as {@code CredentialRequest.LOCALHOST}). */
    private static final String LOCALHOST = "localhost";


    private static final int FIELDS = 5;

    /** One parsed line. Package-private so tests can see what was parsed; the password is never printed. */
    record Entry(int line, String host, String port, String database, String user, char[] password) {

        boolean matches(String h, String p, String d, String u) {
            return field(host, h) && field(port, p) && field(database, d) && field(user, u);
        }

        /** A null pattern is the wildcard {@code *}; an escaped {@code \*} is a literal star and is not null. */
        private static boolean field(String pattern, String value) {
            return pattern == null || pattern.equals(value);
        }

        @Override
        public String toString() {
            return "Entry[line " + line + ": " + host + ":" + port + ":" + database + ":" + user + ":<redacted>]";
        }
    }

    /** A matching line: its number (1-based) and password (a copy the caller owns). */
    public record Match(int line, char[] password) {
        @Override
        public String toString() {
            return "Match[line " + line + ", password=<redacted>]";
        }
    }

    private final List<Entry> entries;

    private PgPassFile(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** Parses the content of a pgpass file. Never fails: lines libpq would not match are skipped. */
    public static PgPassFile parse(String content) {
        List<Entry> entries = new ArrayList<>();
        String[] lines = content.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            // libpq strips the trailing newline and carriage return (files edited on Windows).
            while (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.isEmpty() || line.charAt(0) == '#') {
                continue;
            }
            Entry e = parseLine(i + 1, line);
            if (e != null) {
                entries.add(e);
            }
        }
        return new PgPassFile(entries);
    }

    /** Number of lines that can match (comments, blanks and short lines excluded). */
    public int entryCount() {
        return entries.size();
    }

    /**
     * The first line matching the libpq key. A blank host is {@code localhost}, as in libpq.
     *
     * @return the match with a copy of its password (possibly empty: libpq then connects without one), or empty
     */
    public Optional<Match> find(String host, int port, String database, String user) {
        String h = host == null || host.isBlank() ? LOCALHOST : host;
        String p = Integer.toString(port);
        for (Entry e : entries) {
            if (e.matches(h, p, database, user)) {
                return Optional.of(new Match(e.line(), e.password().clone()));
            }
        }
        return Optional.empty();
    }

    /** Wipes every parsed password. */
    public void clear() {
        for (Entry e : entries) {
            Arrays.fill(e.password(), '\0');
        }
    }

    List<Entry> entries() {
        return entries;
    }

    @Override
    public String toString() {
        return "PgPassFile[" + entries.size() + " entries]";
    }

    /** Splits on unescaped colons; null when there are fewer than five fields. */
    private static Entry parseLine(int number, String line) {
        String[] fields = new String[FIELDS];
        boolean[] wildcard = new boolean[FIELDS];
        StringBuilder current = new StringBuilder();
        StringBuilder raw = new StringBuilder();
        int field = 0;
        for (int i = 0; i < line.length() && field < FIELDS; i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                char next = line.charAt(++i);
                current.append(next);
                raw.append('\\').append(next);
            } else if (c == ':') {
                fields[field] = current.toString();
                wildcard[field] = raw.toString().equals("*");
                field++;
                current.setLength(0);
                raw.setLength(0);
            } else {
                current.append(c);
                raw.append(c);
            }
        }
        if (field == FIELDS - 1) {
            // The password runs to the end of the line (or to an unescaped colon, handled above).
            fields[field] = current.toString();
            field++;
        }
        if (field < FIELDS) {
            return null;
        }
        char[] password = fields[4].toCharArray();
        return new Entry(number,
                wildcard[0] ? null : fields[0],
                wildcard[1] ? null : fields[1],
                wildcard[2] ? null : fields[2],
                wildcard[3] ? null : fields[3],
                password);
    }
}
