package io.pilothouse.services.postgres;

import io.pilothouse.services.workspace.PostgresConfig;

import java.util.Properties;

/**
 * The workspace's TLS settings as pgjdbc properties, set in one place for every connection Pilothouse opens. Only
 * what the workspace names is set: pgjdbc's own defaults ({@code ~/.postgresql/root.crt} …) apply otherwise, as they
 * would for libpq.
 */
final class PostgresTls {

    private PostgresTls() {
    }

    static void apply(PostgresConfig config, Properties props) {
        props.setProperty("sslmode", config.sslmode());
        if (config.sslrootcert() != null) {
            props.setProperty("sslrootcert", config.sslrootcert());
        }
        if (config.sslcert() != null) {
            props.setProperty("sslcert", config.sslcert());
        }
        if (config.sslkey() != null) {
            props.setProperty("sslkey", config.sslkey());
        }
    }
}
