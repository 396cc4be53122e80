package io.pilothouse.services.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code DIR/workspace.yaml}, the file the app opens to watch the sandbox. The keys are
 * the app's workspace format; it connects as the read-only monitoring role through the pgpass.
 */
final class WorkspaceWriter {

    private static final String HEADER = "# Pilothouse workspace for the sandbox in %s (written by the sandbox launcher)\n";

    /**
     * The 2PC workload's decision log ({@code sandbox workload 2pc}): the coordinator, the main cluster's leader, records
     * each decision in {@code tx_decisions} of database {@code postgres} before it commits any branch, and grants the
     * monitoring role SELECT on it. Naming it here lets the in-doubt console advise Commit or Roll back from evidence
     * instead of "Decide". Until the workload has run the table is missing and the console says so.
     */
    static final String DECISION_QUERY = "SELECT committed FROM tx_decisions WHERE global_id = $1";
    static final String DECISION_DATABASE = "postgres";

    private WorkspaceWriter() {}

    static void write(SandboxInfo info) {
        PrivateFiles.write(info.workspaceFile(), render(info), PrivateFiles.WORLD_READABLE);
    }

    /** Where the traffic view reads HAProxy's stats and the poolers' admin interfaces; passwords stay in the pgpass. */
    static Map<String, Object> traffic(SandboxInfo info) {
        Map<String, Object> traffic = new LinkedHashMap<>();
        Map<String, Object> haproxy = new LinkedHashMap<>();
        haproxy.put("stats", info.haproxy().statsCsvUrl());
        // The runtime API at level admin (HaproxyConfigWriter): the window's and the CLI's drain/maint/ready use it.
        haproxy.put("socket", info.dir().toAbsolutePath().resolve(HaproxyConfigWriter.ADMIN_SOCKET).toString());
        traffic.put("haproxy", haproxy);
        if (info.pgbouncer() != null) {
            Map<String, Object> pgbouncer = new LinkedHashMap<>();
            pgbouncer.put("address", SandboxPlan.HOST + ":" + info.pgbouncer().port());
            pgbouncer.put("user", info.pgbouncer().adminUser());
            traffic.put("pgbouncer", pgbouncer);
        }
        if (info.pgpool() != null) {
            Map<String, Object> pgpool = new LinkedHashMap<>();
            pgpool.put("address", SandboxPlan.HOST + ":" + info.pgpool().port());
            pgpool.put("pcpPort", info.pgpool().pcpPort());
            pgpool.put("pcpUser", info.pgpool().pcpUser());
            traffic.put("pgpool", pgpool);
        }
        return traffic;
    }

    static String render(SandboxInfo info) {

        Map<String, Object> postgres = new LinkedHashMap<>();
        postgres.put("user", info.monitorUser());
        postgres.put("database", "postgres");
        postgres.put("passfile", info.passfile().toString());
        boolean tls = info.etcdUrl() != null && info.etcdUrl().startsWith("https://");
        java.nio.file.Path certs = info.dir().resolve("tls");
        if (tls) {
            // verify-full: the CA is the sandbox's own, and the host name must be in the server certificate.
            postgres.put("sslmode", "verify-full");
            postgres.put("sslrootcert", certs.resolve(SandboxTls.CA_CERT).toString());
            postgres.put("sslcert", certs.resolve(SandboxTls.CLIENT_CERT).toString());
            postgres.put("sslkey", certs.resolve(SandboxTls.CLIENT_KEY_DER).toString());
        }

        Map<String, Object> source = new LinkedHashMap<>();
        source.put("name", info.scope());
        if (info.plain()) {
            source.put("nodes", info.members().stream().map(m -> m.pgHost() + ":" + m.pgPort()).toList());
        } else {
            Map<String, Object> etcd = new LinkedHashMap<>();
            etcd.put("endpoints", List.of(info.etcdUrl()));
            etcd.put("namespace", info.namespace());
            if (tls) {
                etcd.put("cacert", certs.resolve(SandboxTls.CA_CERT).toString());
                etcd.put("cert", certs.resolve(SandboxTls.CLIENT_CERT).toString());
                etcd.put("key", certs.resolve(SandboxTls.CLIENT_KEY).toString());
                // Its password is in the sandbox's pgpass (database etcd), never here.
                etcd.put("user", EtcdUsers.PILOTHOUSE);
            }
            source.put("etcd", etcd);
            source.put("patroni", info.restUrls());
            if (tls) {
                Map<String, Object> patroniTls = new LinkedHashMap<>();
                patroniTls.put("cacert", certs.resolve(SandboxTls.CA_CERT).toString());
                patroniTls.put("cert", certs.resolve(SandboxTls.CLIENT_CERT).toString());
                patroniTls.put("key", certs.resolve(SandboxTls.CLIENT_KEY).toString());
                source.put("patroniTls", patroniTls);
            }
        }
        source.put("postgres", postgres);
        if (info.haproxy() != null) {
            // The switchover verification checks that this port reaches the new leader.
            source.put("writeEndpoint", "127.0.0.1:" + info.haproxy().writePort());
            source.put("traffic", traffic(info));
        }

        Map<String, Object> workspace = new LinkedHashMap<>();
        workspace.put("name", "sandbox-" + info.scope());
        workspace.put("readOnly", false);
        List<Map<String, Object>> sources = new ArrayList<>();
        sources.add(source);
        for (SandboxInfo.Shard shard : info.shards()) {
            if (shard.patroni()) {
                // A shard cluster registers under the same etcd namespace: the etcd source discovers its scope.
                continue;
            }
            // A one-node plain cluster each: the live model shows it as a primary without standbys.
            Map<String, Object> shardSource = new LinkedHashMap<>();
            shardSource.put("name", shard.name());
            shardSource.put("nodes", List.of(shard.endpoint()));
            shardSource.put("postgres", postgres);
            sources.add(shardSource);
        }
        workspace.put("sources", sources);
        Map<String, Object> decision = new LinkedHashMap<>();
        decision.put("source", info.scope());
        decision.put("database", DECISION_DATABASE);
        decision.put("query", DECISION_QUERY);
        workspace.put("indoubt", Map.of("decision", decision));
        String runs = info.patroniRuntime().map(p -> "# Its members run " + p.describe().replace('\n', ' ') + "\n")
                .orElse("");
        return HEADER.formatted(info.dir().toString().replace('\n', ' ')) + runs + SandboxYaml.render(workspace);
    }
}
