package io.pilothouse.services.sandbox.sharding;

import io.pilothouse.services.credentials.PgPassFile;
import io.pilothouse.services.sandbox.SandboxException;
import io.pilothouse.services.sandbox.SandboxInfo;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * One PostgreSQL server of the sharded schema: the coordinator (the HA cluster's leader) or a shard (a standalone
 * server, or the primary of a shard cluster now).
 *
 * @param name     {@code shard1}, … or the leader's member name
 * @param host     PostgreSQL host
 * @param port     PostgreSQL port
 * @param members  every member of a shard cluster (the primary among them), for a foreign server that follows the
 *                 primary; empty for the coordinator and a standalone shard
 */
public record Node(String name, String host, int port, List<SandboxInfo.Member> members) {

    public Node {
        members = members == null ? List.of() : List.copyOf(members);
    }

    /** A standalone server. */
    public Node(String name, String host, int port) {
        this(name, host, port, List.of());
    }

    /**
     * The {@code host} option of a foreign server for this node: for a shard cluster, libpq's multi-host list of its
     * members, to pair with {@link #serverPort()} and {@code target_session_attrs 'read-write'}.
     */
    String serverHost() {
        return members.isEmpty() ? host
                : String.join(",", members.stream().map(SandboxInfo.Member::pgHost).toList());
    }

    /** The {@code port} option of a foreign server for this node, a list matching {@link #serverHost()}. */
    String serverPort() {
        return members.isEmpty() ? Integer.toString(port)
                : String.join(",", members.stream().map(m -> Integer.toString(m.pgPort())).toList());
    }

    /** The database everything lives in. */
    static final String DATABASE = "postgres";

    /** {@code host:port}. */
    public String endpoint() {
        return host + ":" + port;
    }

    /** Connects as {@code user} with the password from the sandbox's pgpass (if it has one). */
    Connection connect(SandboxInfo info, String user, String application, int socketTimeoutSeconds) {
        Properties props = new Properties();
        props.setProperty("user", user);
        password(info, user).ifPresent(p -> props.setProperty("password", p));
        props.setProperty("connectTimeout", "5");
        props.setProperty("loginTimeout", "5");
        props.setProperty("socketTimeout", Integer.toString(socketTimeoutSeconds));
        props.setProperty("ApplicationName", application);
        try {
            return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + DATABASE, props);
        } catch (SQLException e) {
            throw new SandboxException("Cannot connect to " + name + " (" + endpoint() + ") as " + user + ": "
                    + e.getMessage() + "; is the sandbox running? (pilothouse sandbox status --dir " + info.dir()
                    + ")", e);
        }
    }

    /** The password of {@code user} on this node, from the sandbox's pgpass. */
    Optional<String> password(SandboxInfo info, String user) {
        PgPassFile pgpass;
        try {
            pgpass = PgPassFile.parse(Files.readString(info.passfile()));
        } catch (IOException e) {
            throw new SandboxException("Cannot read the sandbox's pgpass " + info.passfile() + ": " + e.getMessage(),
                    e);
        }
        try {
            return pgpass.find(host, port, DATABASE, user).map(m -> {
                String password = new String(m.password());
                Arrays.fill(m.password(), '\0');
                return password;
            });
        } finally {
            pgpass.clear();
        }
    }

    /** The shards of {@code info}, in name order; a shard cluster as its member that accepts writes now. */
    static List<Node> shards(SandboxInfo info, String application) {
        return info.shards().stream().map(s -> {
            if (!s.patroni()) {
                return new Node(s.name(), s.pgHost(), s.pgPort());
            }
            Node primary = primary(info, s.name(), s.members(), application);
            return new Node(s.name(), primary.host(), primary.port(), s.members());
        }).toList();
    }

    /** The HA cluster member that accepts writes now. */
    static Node leader(SandboxInfo info, String application) {
        return primary(info, info.scope(), info.members(), application);
    }

    /** The member of {@code cluster} that accepts writes now, named like that member. */
    private static Node primary(SandboxInfo info, String cluster, List<SandboxInfo.Member> members,
                                String application) {
        List<String> tried = new ArrayList<>();
        for (SandboxInfo.Member m : members) {
            Node candidate = new Node(m.name(), m.pgHost(), m.pgPort());
            try (Connection c = candidate.connect(info, info.superuser(), application, 10);
                 Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT NOT pg_is_in_recovery()")) {
                if (rs.next() && rs.getBoolean(1)) {
                    return candidate;
                }
                tried.add(m.name() + " is a standby");
            } catch (SandboxException e) {
                tried.add(m.name() + " is unreachable");
            } catch (SQLException e) {
                tried.add(m.name() + ": " + e.getMessage());
            }
        }
        throw new SandboxException("No member of " + cluster + " accepts writes (" + String.join("; ", tried)
                + "); wait for the cluster to elect a leader (pilothouse sandbox status) and try again");
    }
}
