package io.pilothouse.services.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * JDBC connections to a sandbox for tests, with passwords looked up in the sandbox's pgpass
 * the way libpq does (first matching line wins; {@code *} matches anything).
 */
public final class SandboxConnections {

    private SandboxConnections() {}

    /** Connects to {@code database} on {@code member} as {@code user}. */
    public static Connection connect(SandboxInfo info, String member, String user, String database)
            throws SQLException {
        SandboxInfo.Member m = info.requireMember(member);
        return connect(info, m.pgHost(), m.pgPort(), user, database);
    }

    /** Connects to any host and port the pgpass knows (e.g. HAProxy's write or read port). */
    public static Connection connect(SandboxInfo info, String host, int port, String user, String database)
            throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password(info.passfile(), host, port, database, user)
                .orElseThrow(() -> new IllegalStateException("no pgpass entry for " + user + "@" + host + ":" + port)));
        props.setProperty("connectTimeout", "5");
        props.setProperty("ApplicationName", "pilothouse-sandbox-test");
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + database, props);
    }

    /** The password libpq would pick from {@code passfile}. */
    public static Optional<String> password(Path passfile, String host, int port, String database, String user) {
        try {
            for (String line : Files.readAllLines(passfile)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                List<String> f = fields(line);
                if (f.size() == 5 && matches(f.get(0), host) && matches(f.get(1), Integer.toString(port))
                        && matches(f.get(2), database) && matches(f.get(3), user)) {
                    return Optional.of(f.get(4));
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Splits a pgpass line on unescaped colons, undoing {@code \:} and {@code \\}. */
    static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                field.append(line.charAt(++i));
            } else if (c == ':' && fields.size() < 4) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    private static boolean matches(String pattern, String value) {
        return pattern.equals("*") || pattern.equals(value);
    }
}
