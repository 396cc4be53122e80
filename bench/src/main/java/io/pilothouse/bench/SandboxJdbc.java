package io.pilothouse.bench;

import io.pilothouse.services.credentials.PgPassFile;
import io.pilothouse.services.sandbox.SandboxInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Properties;

/** Plain JDBC connections to a sandbox node as its superuser, the password from the sandbox's pgpass. */
final class SandboxJdbc {

    private static final String DATABASE = "postgres";

    private final SandboxInfo info;

    SandboxJdbc(SandboxInfo info) {
        this.info = info;
    }

    /** A fresh autocommit connection to database {@code postgres} on {@code host:port}. */
    Connection connect(String host, int port, String application) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", info.superuser());
        props.setProperty("password", password(host, port));
        props.setProperty("connectTimeout", "5");
        props.setProperty("ApplicationName", application);
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + DATABASE, props);
    }

    Connection shard(String name, String application) throws SQLException {
        SandboxInfo.Shard s = info.requireShard(name);
        return connect(s.pgHost(), s.pgPort(), application);
    }

    private String password(String host, int port) {
        PgPassFile pgpass;
        try {
            pgpass = PgPassFile.parse(Files.readString(info.passfile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return pgpass.find(host, port, DATABASE, info.superuser()).map(m -> {
                String p = new String(m.password());
                Arrays.fill(m.password(), '\0');
                return p;
            }).orElseThrow(() -> new IllegalStateException("no pgpass entry for " + host + ":" + port));
        } finally {
            pgpass.clear();
        }
    }
}
