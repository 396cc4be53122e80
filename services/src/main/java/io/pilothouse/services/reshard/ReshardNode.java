package io.pilothouse.services.reshard;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * A PostgreSQL database taking part in a move: the coordinator, the node a partition's rows live on now, or the node
 * they go to.
 *
 * @param label    what to call it in messages: a workspace source or foreign server name
 * @param source   the workspace source whose settings reach it
 * @param host     host
 * @param port     port
 * @param database database
 * @param tls      how a server reaches it over TLS: the libpq TLS options ({@link #TLS_OPTIONS}) of the coordinator's
 *                 postgres_fdw server for it, file paths as the servers see them; empty when not known (the
 *                 coordinator itself) or when that foreign server sets none
 */
public record ReshardNode(String label, String source, String host, int port, String database,
                          Map<String, String> tls) {

    /** The libpq options a server-to-server connection (a subscription) takes from the foreign server. */
    public static final List<String> TLS_OPTIONS = List.of("sslmode", "sslrootcert", "sslcert", "sslkey", "sslcrl");

    @JsonCreator
    public ReshardNode(@JsonProperty("label") String label, @JsonProperty("source") String source,
                       @JsonProperty("host") String host, @JsonProperty("port") int port,
                       @JsonProperty("database") String database, @JsonProperty("tls") Map<String, String> tls) {
        this.label = label;
        this.source = source;
        this.host = host;
        this.port = port;
        this.database = database;
        this.tls = tls == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tls));
    }

    /** Without TLS options. */
    public ReshardNode(String label, String source, String host, int port, String database) {
        this(label, source, host, port, database, Map.of());
    }

    /** The TLS options among a foreign server's options, in {@link #TLS_OPTIONS} order. */
    static Map<String, String> tlsOf(Map<String, String> serverOptions) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String key : TLS_OPTIONS) {
            String value = serverOptions.get(key);
            if (value != null && !value.isBlank()) {
                out.put(key, value);
            }
        }
        return out;
    }

    /** {@code label (host:port/database)}. */
    public String describe() {
        return label + " (" + host + ":" + port + "/" + database + ")";
    }

    /** True when both name the same database on the same server. */
    public boolean sameDatabaseAs(ReshardNode other) {
        return host.equals(other.host) && port == other.port && database.equals(other.database);
    }
}
