package io.pilothouse.services.replicas;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.pilothouse.services.model.ClusterSnapshot;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A new member's patroni.yml, generated from the cluster: scope, namespace, etcd endpoints, its own REST and
 * PostgreSQL addresses, the replication (and superuser) logins, and its tags. Rendered twice: with the passwords
 * (written mode 0600 on the target, which Patroni needs) and with each password replaced by where it comes from
 * (what previews and audit records show).
 */
final class PatroniMemberConfig {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private PatroniMemberConfig() {
    }

    /** A login named in the file: its user and where its password comes from. */
    record Login(String user, String host, int port) {
        String reference() {
            return "<password of " + user + "@" + host + ":" + port + " from your pgpass/keyring>";
        }
    }

    /**
     * @param passwords the password of a login, or the reference to show instead
     */
    static Map<String, Object> config(ClusterSnapshot cluster, PatroniMembers.Dcs dcs, ReplicaRequest r, String bin,
                                      Login replication, Login superuser, Function<Login, String> passwords) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("scope", cluster.scope());
        config.put("namespace", dcs.namespace());
        config.put("name", r.name());
        config.put("restapi", map("listen", r.host() + ":" + r.restPort(),
                "connect_address", r.host() + ":" + r.restPort()));
        config.put("etcd3", map("hosts", dcs.hosts(), "protocol", dcs.protocol()));
        Map<String, Object> authentication = new LinkedHashMap<>();
        authentication.put("replication", map("username", replication.user(), "password",
                passwords.apply(replication)));
        if (superuser != null) {
            authentication.put("superuser", map("username", superuser.user(), "password", passwords.apply(superuser)));
        }
        Map<String, Object> postgresql = new LinkedHashMap<>();
        postgresql.put("listen", r.host() + ":" + r.port());
        postgresql.put("connect_address", r.host() + ":" + r.port());
        postgresql.put("data_dir", r.dataDirectory());
        postgresql.put("bin_dir", bin);
        postgresql.put("pgpass", r.sideFile("patroni-pgpass"));
        postgresql.put("use_unix_socket", true);
        postgresql.put("authentication", authentication);
        postgresql.put("parameters", map("unix_socket_directories", PlainReplicaPlan.parentOf(r.dataDirectory()),
                "logging_collector", "off"));
        postgresql.put("basebackup", List.of(Map.of("checkpoint", "fast")));
        config.put("postgresql", postgresql);
        config.put("watchdog", Map.of("mode", "off"));
        Map<String, Object> tags = new LinkedHashMap<>();
        r.tags().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> tags.put(e.getKey(),
                tagValue(e.getValue())));
        r.upstream().ifPresent(u -> tags.put("replicatefrom", u));
        config.put("tags", tags);
        return config;
    }

    static String render(Map<String, Object> config) {
        try {
            return YAML.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render patroni.yml: " + e.getOriginalMessage(), e);
        }
    }

    /** {@code true}/{@code false} and numbers as YAML scalars, anything else as a string. */
    static Object tagValue(String v) {
        if ("true".equals(v) || "false".equals(v)) {
            return Boolean.parseBoolean(v);
        }
        return v.matches("-?\\d{1,9}") ? Integer.parseInt(v) : v;
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
