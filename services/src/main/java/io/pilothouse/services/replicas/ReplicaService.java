package io.pilothouse.services.replicas;

import io.pilothouse.services.hosts.HostCommandException;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.model.SourceKind;
import io.pilothouse.services.policy.OperationGuard;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Adds a replica to a cluster: pre-checks and preview first (nothing changes), then the run inside the operation
 * guard (read-only refusal, audit record with every command, the etcd operation lock).
 */
public final class ReplicaService {

    static final List<String> PLAIN_PROGRAMS = List.of("postgres", "pg_basebackup", "pg_ctl", "psql");

    private final GuardedPlanRunner runner;
    private final ReplicaSql sql;
    private final Function<String, Optional<String>> runningOperation;
    private final PatroniMembers patroni;

    /**
     * @param runningOperation what runs on a scope now (this session's registry and other operators' locks)
     * @param patroni          what a Patroni member needs (configuration sources, the live model, member keys)
     */
    public ReplicaService(OperationGuard guard, ReplicaSql sql, Function<String, Optional<String>> runningOperation,
                          PatroniMembers patroni) {
        this.runner = new GuardedPlanRunner(guard);
        this.sql = sql;
        this.runningOperation = runningOperation;
        this.patroni = patroni;
    }

    /** True for a cluster Patroni manages (etcd or REST sources), false for a plain streaming cluster. */
    public static boolean isPatroni(ClusterSnapshot cluster) {
        return cluster.sources().containsKey(SourceKind.ETCD) || cluster.sources().containsKey(SourceKind.PATRONI_REST);
    }

    /**
     * Measures everything the pre-checks need (read-only commands on the target, SQL on the upstream) and plans the
     * steps; changes nothing.
     *
     * @param hbaLogin a login that may read pg_hba_file_rules (a superuser), or empty to try the workspace's
     */
    public ReplicaPreview previewAdd(ClusterSnapshot cluster, ReplicaRequest r, TargetHost host,
                                     Optional<String> hbaLogin) throws ReplicaRefusedException, HostCommandException {
        boolean isPatroni = isPatroni(cluster);
        Member copyFrom = copySource(cluster, r, isPatroni);
        UpstreamMember up = new UpstreamMember(copyFrom.name(), copyFrom.host(), copyFrom.port());
        UpstreamFacts facts = null;
        String problem = null;
        try (Connection c = sql.monitor(up.host(), up.port());
             Connection h = hbaLogin.isPresent() ? sql.as(hbaLogin.get(), "postgres", up.host(), up.port()) : null) {
            facts = UpstreamProbe.read(c, h == null ? c : h);
        } catch (SQLException e) {
            problem = e.getMessage();
        }
        int major = facts == null ? 0 : facts.major();
        List<Integer> ports = isPatroni ? List.of(r.port(), r.restPort()) : List.of(r.port());
        List<String> programs = isPatroni ? List.of("postgres", "pg_basebackup", "pg_ctl") : PLAIN_PROGRAMS;
        TargetFacts target = new TargetProbe(host).read(r.dataDirectory(), ports, r.binDirectory(major), programs);
        InetAddress address;
        try {
            address = InetAddress.getByName(r.host());
        } catch (UnknownHostException e) {
            throw new ReplicaRefusedException("--host " + r.host() + " does not resolve here; give its IP address");
        }
        boolean password = sql.password(up.host(), up.port(), r.replicationUser()).map(p -> {
            java.util.Arrays.fill(p, '\0');
            return true;
        }).orElse(false);
        List<PreCheck> checks = new ArrayList<>(ReplicaPreChecks.evaluate(new ReplicaPreChecks.Inputs(cluster,
                isPatroni, r, up.name(), up.host() + ":" + up.port(), target, ports, facts, problem, address, password,
                runningOperation.apply(cluster.scope()))));
        if (isPatroni) {
            PatroniReplicaPlan plan = PatroniReplicaPlan.plan(cluster, r, host, up, major, sql, patroni,
                    target.dataDirEntries() < 0);
            checks.addAll(plan.checks());
            checks.add(PreCheck.read(host.probed()));
            return new ReplicaPreview(cluster, r, true, up, host.describe(), checks, plan.steps(), plan.shownConfig());
        }
        checks.add(PreCheck.read(host.probed()));
        return new ReplicaPreview(cluster, r, false, up, host.describe(), checks,
                PlainReplicaPlan.steps(r, host, up, major, sql, target.dataDirEntries() < 0), null);
    }

    /** The member the new replica copies from: the requested upstream, a running clonefrom member, or the leader. */
    static Member copySource(ClusterSnapshot cluster, ReplicaRequest r, boolean isPatroni)
            throws ReplicaRefusedException {
        if (r.upstream().isPresent() && !isPatroni) {
            return cluster.member(r.upstream().get()).orElseThrow(() -> new ReplicaRefusedException("--upstream "
                    + r.upstream().get() + " is not a member of " + cluster.scope() + "; members: "
                    + cluster.members().stream().map(Member::name).toList()));
        }
        if (isPatroni) {
            Optional<Member> clone = cluster.members().stream().filter(m -> "true".equals(m.tags().get("clonefrom")))
                    .filter(m -> m.state() == io.pilothouse.services.model.MemberState.RUNNING
                            || m.state() == io.pilothouse.services.model.MemberState.STREAMING)
                    .findFirst();
            if (clone.isPresent()) {
                return clone.get();
            }
        }
        return cluster.leaderMember().orElseThrow(() -> new ReplicaRefusedException(cluster.scope()
                + " has no leader now; a replica needs one to copy from"));
    }

    /**
     * Runs a preview's steps inside the guard. A failed step undoes what ran before it; the report (also in the
     * exception) says what.
     *
     * @throws ReplicaRefusedException when a pre-check failed (nothing ran)
     * @throws ReplicaFailedException  when a step failed (what ran was undone as far as it could be)
     */
    public ReplicaReport add(ReplicaPreview preview, TargetHost host, Consumer<String> progress) throws Exception {
        ReplicaRequest r = preview.request();
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("host", r.host());
        parameters.put("port", String.valueOf(r.port()));
        parameters.put("dataDir", r.dataDirectory());
        parameters.put("copyFrom", preview.upstream().name());
        parameters.put("where", host.describe());
        r.upstream().ifPresent(u -> parameters.put("upstream", u));
        if (!r.tags().isEmpty()) {
            parameters.put("tags", r.tags().toString());
        }
        return runner.run(new GuardedPlanRunner.Operation("replica-add", "adding", r.name(), parameters), preview,
                host, progress);
    }
}
