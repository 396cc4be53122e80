package io.pilothouse.services.sandbox;

import io.pilothouse.services.sandbox.SandboxPlan.MemberPlan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes each member's {@code DIR/<name>/patroni.yml} (mode 0600, owned by the sandbox user: it
 * holds the passwords).
 */
final class PatroniConfigWriter {

    /** Top-level key Patroni ignores; read by {@code post_bootstrap.py} only. */
    static final String SANDBOX_SECTION = "pilothouse";

    private static final List<String> PG_HBA = List.of(
            // The socket directory is the member's own 0700 directory: only its OS user gets here.
            "local all all trust",
            "local replication all trust",
            "host all all 127.0.0.1/32 scram-sha-256",
            "host replication all 127.0.0.1/32 scram-sha-256");

    private PatroniConfigWriter() {}

    /** TCP lines of a {@code --tls} sandbox: TLS only, never plain text. */
    private static final List<String> PG_HBA_TLS = List.of(
            "local all all trust",
            "local replication all trust",
            "hostssl all all 127.0.0.1/32 scram-sha-256",
            "hostssl replication all 127.0.0.1/32 scram-sha-256");

    /** Writes the config of {@code member} of the cluster whose Patroni scope is {@code scope}. */
    static void write(SandboxPlan plan, MemberPlan member, String scope, Credentials credentials, Binaries binaries,
                      SandboxUser user) {
        write(plan, member, scope, credentials, null, binaries, user);
    }

    /** As above; {@code etcdUsers} is Patroni's etcd login in a {@code --tls} sandbox, else null. */
    static void write(SandboxPlan plan, MemberPlan member, String scope, Credentials credentials, EtcdUsers etcdUsers,
                      Binaries binaries, SandboxUser user) {
        var path = plan.layout().patroniConfig(member.name());
        Map<String, Object> config = config(plan, member, scope, credentials, binaries);
        if (plan.spec().tls()) {
            withTls(config, plan.layout().tlsDir(), etcdUsers);
        }
        PrivateFiles.write(path, SandboxYaml.render(config), PrivateFiles.OWNER_ONLY);
        user.own(path);
    }

    /**
     * REST over https requiring a client certificate (Patroni presents its own to other members), etcd over https
     * with the certificate and Patroni's etcd user, PostgreSQL with ssl on and hostssl lines only.
     */
    @SuppressWarnings("unchecked")
    static void withTls(Map<String, Object> config, java.nio.file.Path tls, EtcdUsers etcdUsers) {
        String ca = tls.resolve(SandboxTls.CA_CERT).toString();
        String cert = tls.resolve(SandboxTls.SERVER_CERT).toString();
        String key = tls.resolve(SandboxTls.SERVER_KEY).toString();
        Map<String, Object> restapi = (Map<String, Object>) config.get("restapi");
        restapi.put("certfile", cert);
        restapi.put("keyfile", key);
        restapi.put("cafile", ca);
        restapi.put("verify_client", "required");
        Map<String, Object> etcd = new LinkedHashMap<>((Map<String, Object>) config.get("etcd3"));
        etcd.put("protocol", "https");
        etcd.put("cacert", ca);
        etcd.put("cert", cert);
        etcd.put("key", key);
        etcd.put("username", EtcdUsers.PATRONI);
        etcd.put("password", etcdUsers.patroniPassword());
        config.put("etcd3", etcd);
        Map<String, Object> postgresql = (Map<String, Object>) config.get("postgresql");
        Map<String, Object> parameters = (Map<String, Object>) postgresql.get("parameters");
        parameters.put("ssl", "on");
        parameters.put("ssl_cert_file", cert);
        parameters.put("ssl_key_file", key);
        parameters.put("ssl_ca_file", ca);
        postgresql.put("pg_hba", PG_HBA_TLS);
    }

    /** The config of a member of the sandbox's own cluster. */
    static Map<String, Object> config(SandboxPlan plan, MemberPlan member, Credentials credentials,
                                      Binaries binaries) {
        return config(plan, member, plan.spec().scope(), credentials, binaries);
    }

    /**
     * The config of a member of the cluster {@code scope}: the sandbox's own or a shard cluster, which share the etcd,
     * the namespace and every setting (a shard cluster's primary must take prepared transactions and publish logically
     * like the coordinator).
     */
    static Map<String, Object> config(SandboxPlan plan, MemberPlan member, String scope, Credentials credentials,
                                      Binaries binaries) {
        SandboxLayout layout = plan.layout();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("scope", scope);
        config.put("namespace", plan.spec().namespace());
        config.put("name", member.name());
        config.put("restapi", ordered(
                "listen", SandboxPlan.HOST + ":" + member.restPort(),
                "connect_address", SandboxPlan.HOST + ":" + member.restPort()));
        config.put("etcd3", Map.of("hosts", SandboxPlan.HOST + ":" + plan.etcdClientPort()));
        config.put("bootstrap", bootstrap(plan, member, binaries,
                scope.equals(plan.spec().scope()) ? plan.spec().sync() : SandboxSync.OFF));
        config.put("postgresql", postgresql(layout, member, credentials, binaries));
        // No /dev/watchdog on a laptop or in CI; "automatic" would only log about it.
        config.put("watchdog", Map.of("mode", "off"));
        Map<String, Object> tags = ordered("nofailover", false, "noloadbalance", false, "clonefrom", false,
                "nosync", false);
        String replicatefrom = scope.equals(plan.spec().scope()) ? plan.spec().replicatefrom(member.name()) : null;
        if (replicatefrom != null) {
            tags.put("replicatefrom", replicatefrom);
        }
        config.put("tags", tags);
        config.put(SANDBOX_SECTION, Map.of("post_bootstrap", postBootstrap(credentials)));
        return config;
    }

    private static Map<String, Object> bootstrap(SandboxPlan plan, MemberPlan member, Binaries binaries,
                                                 SandboxSync sync) {
        Map<String, Object> parameters = ordered(
                "max_prepared_transactions", 20,
                "wal_level", "logical",
                "hot_standby", "on",
                "max_wal_senders", 10,
                "max_replication_slots", 10,
                "wal_keep_size", "128MB");
        Map<String, Object> dcs = ordered(
                "ttl", 20,
                "loop_wait", 2,
                "retry_timeout", 5,
                "maximum_lag_on_failover", 1048576,
                "postgresql", ordered("use_pg_rewind", true, "use_slots", true, "parameters", parameters));
        // Only the sandbox's own cluster: shard clusters stay asynchronous.
        dcs.putAll(sync.dcsKeys());
        Map<String, Object> bootstrap = new LinkedHashMap<>();
        bootstrap.put("dcs", dcs);
        bootstrap.put("initdb", List.of(
                Map.of("encoding", "UTF8"),
                Map.of("locale", "C.UTF-8"),
                "data-checksums",
                // A sandbox survives process crashes, not power cuts: skip initdb's fsync storm.
                "no-sync"));
        // Patroni appends the connection URL; it splits this string with shlex.
        bootstrap.put("post_bootstrap", String.join(" ",
                shellQuote(binaries.python().toString()),
                shellQuote(plan.layout().postBootstrapScript().toString()),
                shellQuote(plan.layout().patroniConfig(member.name()).toString())));
        return bootstrap;
    }

    private static Map<String, Object> postgresql(SandboxLayout layout, MemberPlan member, Credentials credentials,
                                                  Binaries binaries) {
        String address = SandboxPlan.HOST + ":" + member.pgPort();
        Map<String, Object> parameters = ordered(
                "unix_socket_directories", layout.socketDir(member.name()).toString(),
                "logging_collector", "on",
                "log_directory", layout.logs().toString(),
                "log_filename", layout.postgresLogName(member.name()),
                "log_rotation_age", 0,
                "log_rotation_size", 0,
                "log_line_prefix", "%m [%p] %q%u@%d ",
                // A new replica asks for its slot before the leader's next HA loop creates it;
                // retrying after 1 s instead of 5 s takes seconds off every up.
                "wal_retrieve_retry_interval", "1s");
        Map<String, Object> postgresql = new LinkedHashMap<>();
        postgresql.put("listen", address);
        postgresql.put("connect_address", address);
        postgresql.put("data_dir", layout.dataDir(member.name()).toString());
        postgresql.put("bin_dir", binaries.pgBinDir().toString());
        postgresql.put("pgpass", layout.patroniPassfile(member.name()).toString());
        // Patroni's own superuser connections go through the private socket; replication and
        // pg_rewind use TCP with passwords, like a real cluster.
        postgresql.put("use_unix_socket", true);
        postgresql.put("authentication", ordered(
                "superuser", ordered("username", Credentials.SUPERUSER, "password", credentials.superuserPassword()),
                "replication", ordered("username", Credentials.REPLICATION,
                        "password", credentials.replicationPassword())));
        postgresql.put("parameters", parameters);
        postgresql.put("pg_hba", PG_HBA);
        // The default spread checkpoint can hold a new replica's pg_basebackup for minutes.
        postgresql.put("basebackup", List.of(Map.of("checkpoint", "fast")));
        return postgresql;
    }

    private static Map<String, Object> postBootstrap(Credentials credentials) {
        return ordered(
                "roles", List.of(
                        ordered("name", Credentials.MONITOR, "password", credentials.monitorPassword(),
                                "member_of", List.of("pg_monitor")),
                        ordered("name", Credentials.APP, "password", credentials.appPassword(),
                                "member_of", List.of())),
                "databases", List.of(ordered("name", "app", "owner", Credentials.APP)));
    }

    /** Quotes {@code word} for Python's {@code shlex.split}, which follows POSIX shell rules. */
    static String shellQuote(String word) {
        return "'" + word.replace("'", "'\"'\"'") + "'";
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
