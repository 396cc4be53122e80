package io.pilothouse.services.workspace;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks a bound workspace for what the YAML types cannot express: every source reachable somehow, URLs usable,
 * names unique, settings from the allowed sets. Reports every problem, not just the first, so a user fixes the
 * file in one go.
 */
final class WorkspaceValidator {

    static final String PATRONI_EXAMPLE = "http://10.0.0.1:8008";
    static final String ETCD_EXAMPLE = "http://10.0.0.1:2379";

    private static final Set<String> SSL_MODES =
            Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

    private WorkspaceValidator() {
    }

    /** All problems in {@code workspace}; shard-map files are looked up relative to the working directory. */
    static List<String> problems(Workspace workspace) {
        return problems(workspace, null);
    }

    /**
     * All problems in {@code workspace}, each naming the source and field; empty when valid.
     *
     * @param baseDir directory of the workspace file, against which {@code shardMaps[].shardingSphere} paths are
     *                resolved; null for the working directory
     */
    static List<String> problems(Workspace workspace, Path baseDir) {
        List<String> problems = new ArrayList<>();
        Map<String, Integer> firstIndexByName = new HashMap<>();
        List<SourceConfig> sources = workspace.sources();
        for (int i = 0; i < sources.size(); i++) {
            SourceConfig s = sources.get(i);
            String name = s.name() == null ? null : s.name().trim();
            if (name == null || name.isEmpty()) {
                problems.add(Where.source(i, null, "") + " has no name; add `name: <something>` — the name "
                        + "identifies the source in the estate tree and the audit log");
            } else {
                // Case-insensitive: "Prod" and "prod" side by side in an audit log is an accident waiting to happen.
                Integer earlier = firstIndexByName.putIfAbsent(name.toLowerCase(Locale.ROOT), i);
                if (earlier != null) {
                    problems.add(Where.source(i, name, "name") + " is already used by sources[" + earlier
                            + "]; give each source a unique name");
                }
            }
            checkSource(i, name, s, problems);
        }
        if (workspace.alerts() != null) {
            problems.addAll(workspace.alerts().problems());
        }
        if (workspace.outbound() != null) {
            problems.addAll(workspace.outbound().problems());
        }
        if (workspace.indoubt() != null) {
            List<String> names = sources.stream().map(SourceConfig::name).filter(n -> n != null && !n.isBlank())
                    .map(String::trim).toList();
            problems.addAll(workspace.indoubt().problems(names));
        }
        if (workspace.ssh() != null) {
            problems.addAll(workspace.ssh().problems());
        }
        shardMapProblems(workspace, baseDir, problems);
        return problems;
    }

    private static void checkSource(int i, String name, SourceConfig s, List<String> problems) {
        boolean hasEtcd = s.etcd() != null;
        if (!hasEtcd && s.patroni().isEmpty() && s.nodes().isEmpty()) {
            problems.add(Where.source(i, name, "") + " has neither `etcd` nor `patroni` nor `nodes`; add etcd "
                    + "endpoints (and a namespace) to discover clusters, or the Patroni REST URLs of one cluster's "
                    + "members, e.g. patroni: [\"" + PATRONI_EXAMPLE + "\"], or the PostgreSQL nodes of a plain "
                    + "streaming-replication cluster, e.g. nodes: [\"" + NodeAddress.EXAMPLE + "\"]");
        }
        checkNodes(i, name, s, problems);
        if (hasEtcd) {
            List<String> endpoints = s.etcd().endpoints();
            if (endpoints.isEmpty()) {
                problems.add(Where.source(i, name, "etcd.endpoints") + " is missing or empty; list at least one "
                        + "etcd client URL, e.g. endpoints: [\"" + ETCD_EXAMPLE + "\"]");
            }
            for (int e = 0; e < endpoints.size(); e++) {
                UrlRules.problem(endpoints.get(e), Where.source(i, name, "etcd.endpoints[" + e + "]"), ETCD_EXAMPLE)
                        .ifPresent(problems::add);
            }
            checkLockPrefix(i, name, s.etcd(), problems);
            TlsRules.checkEtcd(i, name, s.etcd(), problems);
        }
        TlsRules.checkPatroni(i, name, s, problems);
        if (s.writeEndpoint() != null) {
            NodeAddress.parseOrProblem(s.writeEndpoint()).ifPresent(problem -> problems.add(
                    Where.source(i, name, "writeEndpoint") + " " + problem));
        }
        if (s.traffic() != null) {
            problems.addAll(s.traffic().problems(Where.source(i, name, "traffic")));
        }
        for (int p = 0; p < s.patroni().size(); p++) {
            UrlRules.problem(s.patroni().get(p), Where.source(i, name, "patroni[" + p + "]"), PATRONI_EXAMPLE)
                    .ifPresent(problems::add);
        }
        if (s.postgres() != null) {
            checkPostgres(i, name, s.postgres(), problems);
        }
    }

    /**
     * Our lock keys must never sit among Patroni's: Patroni and the namespace watcher would read them as cluster
     * keys, and a namespace inside the lock prefix would let a lock scope shadow a cluster.
     */
    private static void checkLockPrefix(int i, String name, EtcdConfig etcd, List<String> problems) {
        String locks = etcd.lockPrefix();
        String namespace = etcd.namespace();
        if (EtcdConfig.overlap(locks, namespace)) {
            String how = locks.equals(namespace) ? "is the same as"
                    : locks.startsWith(namespace) ? "is inside" : "contains";
            problems.add(Where.source(i, name, "etcd.lockPrefix") + " '" + locks + "' " + how + " the Patroni "
                    + "namespace '" + namespace + "', so operation locks would mix with Patroni's keys; choose a "
                    + "prefix outside it, e.g. lockPrefix: " + EtcdConfig.DEFAULT_LOCK_PREFIX + ", or remove "
                    + "lockPrefix to use that default");
        }
    }

    private static void checkNodes(int i, String name, SourceConfig s, List<String> problems) {
        if (s.nodes().isEmpty()) {
            return;
        }
        if (s.etcd() != null || !s.patroni().isEmpty()) {
            problems.add(Where.source(i, name, "nodes") + " cannot be combined with `etcd` or `patroni`: a source "
                    + "is either a Patroni cluster or a plain one; split it into two sources");
        }
        if (s.postgres() == null) {
            problems.add(Where.source(i, name, "postgres") + " is missing; a `nodes` source is read over SQL only, "
                    + "so it needs postgres settings, e.g. postgres: {user: pilothouse_monitor, database: postgres}");
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int n = 0; n < s.nodes().size(); n++) {
            String where = Where.source(i, name, "nodes[" + n + "]");
            java.util.Optional<String> problem = NodeAddress.parseOrProblem(s.nodes().get(n));
            if (problem.isPresent()) {
                problems.add(where + " " + problem.get());
            } else if (!seen.add(NodeAddress.parse(s.nodes().get(n)).toString())) {
                problems.add(where + " '" + s.nodes().get(n).trim() + "' is listed twice; list each node once");
            }
        }
    }

    private static void checkPostgres(int i, String name, PostgresConfig pg, List<String> problems) {
        if (!SSL_MODES.contains(pg.sslmode())) {
            problems.add(Where.source(i, name, "postgres.sslmode") + " '" + pg.sslmode() + "' is not a libpq "
                    + "sslmode; use one of disable, allow, prefer, require, verify-ca, verify-full");
        }
        TlsRules.checkPostgres(i, name, pg, problems);
        if (pg.passfile() != null) {
            String passfile = pg.passfile().trim();
            boolean absolute;
            try {
                absolute = !passfile.isEmpty() && Path.of(passfile).isAbsolute();
            } catch (InvalidPathException e) {
                absolute = false;
            }
            if (!absolute) {
                // A relative passfile would depend on whatever directory the app was started from; "~" is not
                // expanded by libpq either.
                problems.add(Where.source(i, name, "postgres.passfile") + " '" + passfile + "' is not an absolute "
                        + "path; write the full path, e.g. /home/me/.pgpass, or remove it to use PGPASSFILE or "
                        + "~/.pgpass");
            }
        }
    }

    private static void shardMapProblems(Workspace workspace, Path baseDir, List<String> problems) {
        Set<String> names = new java.util.HashSet<>();
        workspace.sources().stream().map(SourceConfig::name).filter(n -> n != null && !n.isBlank())
                .map(String::trim).forEach(names::add);
        Map<String, Integer> firstByName = new HashMap<>();
        List<ShardMapConfig> maps = workspace.shardMaps();
        for (int i = 0; i < maps.size(); i++) {
            ShardMapConfig m = maps.get(i);
            if (m == null) {
                problems.add("shardMaps[" + i + "] is empty; remove the `-` or fill in the entry");
                continue;
            }
            problems.addAll(m.problems(i, names, baseDir));
            if (m.name() != null && !m.name().isBlank()) {
                Integer earlier = firstByName.putIfAbsent(m.name().trim().toLowerCase(Locale.ROOT), i);
                if (earlier != null) {
                    problems.add("shardMaps[" + i + "] (" + m.name() + ") has the same name as shardMaps[" + earlier
                            + "]; give each shard map a unique name");
                }
            }
        }
    }
}
