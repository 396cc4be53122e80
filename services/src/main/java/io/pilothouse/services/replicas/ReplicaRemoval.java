package io.pilothouse.services.replicas;

import io.pilothouse.services.hosts.HostCommandException;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.model.MemberRole;
import io.pilothouse.services.model.MemberState;
import io.pilothouse.services.policy.OperationGuard;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Removes a replica: stops it (Patroni, or {@code pg_ctl stop}), removes its member key (Patroni) or drops its slot
 * on its upstream (plain), and with {@code deleteData} its data directory. Refuses the leader and the last
 * synchronous or quorum standby, saying what removing it would break.
 */
public final class ReplicaRemoval {

    static final String STANDBY_ROW = "SELECT r.sync_state, s.slot_name,"
            + " (SELECT count(*) FROM pg_stat_replication o WHERE o.application_name <> r.application_name"
            + "  AND o.sync_state IN ('sync', 'quorum', 'potential'))::int"
            + " FROM pg_stat_replication r LEFT JOIN pg_replication_slots s ON s.active_pid = r.pid"
            + " WHERE r.application_name = ?";

    private final GuardedPlanRunner runner;
    private final ReplicaSql sql;
    private final PatroniMembers patroni;

    public ReplicaRemoval(OperationGuard guard, ReplicaSql sql, PatroniMembers patroni) {
        this.runner = new GuardedPlanRunner(guard);
        this.sql = sql;
        this.patroni = patroni;
    }

    /** What a plain standby's upstream says of it. */
    record StandbyRow(Member upstream, String syncState, String slot, int otherSync) {
    }

    /**
     * @param member     the member name (a plain member's name is its {@code host:port})
     * @param port       its PostgreSQL port on the target, or 0 to take it from the model / the name
     * @param deleteData also delete its data directory and the files Pilothouse wrote next to it
     */
    public RemovalPreview preview(ClusterSnapshot cluster, String member, int port, TargetHost host,
                                  boolean deleteData, String replicationUser) throws ReplicaRefusedException,
            HostCommandException {
        boolean isPatroni = ReplicaService.isPatroni(cluster);
        Optional<Member> inModel = cluster.member(member);
        int pgPort = port > 0 ? port : inModel.map(Member::port).filter(p -> p > 0).orElseGet(() -> portOf(member));
        if (pgPort <= 0) {
            throw new ReplicaRefusedException(member + " is not a member of " + cluster.scope() + " and its port is "
                    + "unknown; give --port");
        }
        List<PreCheck> checks = new ArrayList<>();
        StandbyRow row = isPatroni ? null : standbyRow(cluster, member);
        if (inModel.map(m -> m.role() == MemberRole.LEADER || m.role() == MemberRole.STANDBY_LEADER).orElse(false)
                || member.equals(cluster.leader())) {
            checks.add(PreCheck.fail("role", member + " is the leader of " + cluster.scope() + ": removing it stops "
                    + "every write; switch over to another member first"));
        } else if (isPatroni && inModel.isEmpty()) {
            checks.add(PreCheck.fail("role", member + " is not a member of " + cluster.scope() + " in the live model"));
        } else if (!isPatroni && row == null) {
            checks.add(PreCheck.fail("role", "no member of " + cluster.scope() + " has " + member + " in "
                    + "pg_stat_replication: it is not a streaming standby of this cluster"));
        } else {
            checks.add(PreCheck.pass("role", member + " is a replica" + (row == null ? ""
                    : " streaming from " + row.upstream().name() + (row.slot() == null ? "" : " on slot " + row.slot()))));
        }
        checks.add(syncCheck(cluster, member, inModel, row));
        Optional<RunningServer> server = RunningServer.find(host, pgPort);
        checks.add(server.map(s -> PreCheck.pass("process", "PostgreSQL pid " + s.postmasterPid() + " on port "
                        + pgPort + ", data directory " + s.dataDir() + (s.patroniPid() > 0 ? ", run by Patroni pid "
                        + s.patroniPid() : "")))
                .orElseGet(() -> PreCheck.fail("process", "nothing PostgreSQL listens on port " + pgPort + " of "
                        + host.describe() + "; is --ssh the member's host?")));
        if (isPatroni && server.isPresent() && server.get().patroniPid() == 0) {
            checks.add(PreCheck.fail("process", "PostgreSQL on port " + pgPort + " was not started by Patroni; stop "
                    + "it by hand"));
        }
        List<PlannedStep> steps = server.isEmpty() ? List.of()
                : steps(cluster, member, isPatroni, server.get(), row, host, deleteData, replicationUser);
        return new RemovalPreview(cluster, member, isPatroni, host.describe(), checks, steps);
    }

    private static int portOf(String member) {
        int colon = member.lastIndexOf(':');
        try {
            return colon < 0 ? 0 : Integer.parseInt(member.substring(colon + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private PreCheck syncCheck(ClusterSnapshot cluster, String member, Optional<Member> inModel, StandbyRow row) {
        if (row != null) {
            boolean sync = "sync".equals(row.syncState()) || "quorum".equals(row.syncState());
            return sync && row.otherSync() == 0
                    ? PreCheck.fail("synchronous standby", member + " is the only synchronous standby of "
                    + row.upstream().name() + " (sync_state " + row.syncState() + "): without it commits wait "
                    + "forever (synchronous_standby_names names it); change synchronous_standby_names first")
                    : PreCheck.pass("synchronous standby", member + " is " + row.syncState() + "; "
                    + row.otherSync() + " other synchronous or potential standby(s)");
        }
        MemberRole role = inModel.map(Member::role).orElse(MemberRole.UNKNOWN);
        if (role != MemberRole.SYNC_STANDBY && role != MemberRole.QUORUM_STANDBY) {
            return PreCheck.pass("synchronous standby", member + " is not a synchronous or quorum standby");
        }
        long others = cluster.members().stream().filter(m -> !m.name().equals(member))
                .filter(m -> m.role() == MemberRole.SYNC_STANDBY || m.role() == MemberRole.QUORUM_STANDBY
                        || m.role() == MemberRole.REPLICA)
                .filter(m -> m.state() == MemberState.STREAMING && !m.hasTag("nosync")).count();
        String what = role == MemberRole.QUORUM_STANDBY ? "quorum standby" : "synchronous standby";
        if (others == 0) {
            boolean strict = cluster.sync() != null && cluster.sync().strict();
            return PreCheck.fail("synchronous standby", member + " is the last " + what + " and no other replica "
                    + "could take its place: " + (strict ? "with synchronous_mode_strict every write would block"
                    : "commits would no longer wait for any standby, so a failover could lose acknowledged writes")
                    + "; add a replica first");
        }
        return PreCheck.pass("synchronous standby", member + " is a " + what + "; " + others + " other streaming "
                + "replica(s) can take its place");
    }

    private StandbyRow standbyRow(ClusterSnapshot cluster, String member) {
        for (Member m : cluster.members()) {
            if (m.host() == null || m.port() <= 0) {
                continue;
            }
            try (Connection c = sql.monitor(m.host(), m.port()); PreparedStatement ps = c.prepareStatement(STANDBY_ROW)) {
                ps.setString(1, member);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return new StandbyRow(m, rs.getString(1), rs.getString(2), rs.getInt(3));
                    }
                }
            } catch (SQLException e) {
                // A member that cannot be read is not its upstream as far as we can tell; the others are asked.
            }
        }
        return null;
    }

    private List<PlannedStep> steps(ClusterSnapshot cluster, String member, boolean isPatroni, RunningServer server,
                                    StandbyRow row, TargetHost host, boolean deleteData, String replicationUser) {
        List<PlannedStep> steps = new ArrayList<>();
        String dir = server.dataDir();
        if (isPatroni) {
            List<String> kill = host.asServer(List.of("kill", "-TERM", String.valueOf(server.patroniPid())));
            steps.add(PlannedStep.of("stop Patroni (it stops PostgreSQL)", new HostAction.Command(kill,
                    TargetHost.QUICK)));
            steps.add(PlannedStep.of("wait until Patroni and PostgreSQL have exited", new HostAction.Local(
                    "kill -0 " + server.patroniPid() + " and " + server.postmasterPid() + " until both fail", p ->
                    awaitExit(host, List.of(server.patroniPid(), server.postmasterPid())))));
            steps.add(PlannedStep.of("remove the member key", new HostAction.Local("delete the etcd key "
                    + cluster.scope() + "/members/" + member, p -> patroni.deleteMemberKey(cluster, member)
                    ? "member key of " + member + " deleted" : "no member key of " + member + " was left")));
        } else {
            steps.add(PlannedStep.of("stop the replica", new HostAction.Command(host.asServer(List.of("kill", "-INT",
                    String.valueOf(server.postmasterPid()))), TargetHost.QUICK)));
            steps.add(PlannedStep.of("wait until PostgreSQL has exited", new HostAction.Local("kill -0 "
                    + server.postmasterPid() + " until it fails", p -> awaitExit(host,
                    List.of(server.postmasterPid())))));
            if (row != null && row.slot() != null) {
                UpstreamMember up = new UpstreamMember(row.upstream().name(),
                        row.upstream().host(), row.upstream().port());
                steps.add(PlannedStep.of("drop its slot " + row.slot() + " on " + up.name(), new HostAction.Local(
                        "SELECT pg_drop_replication_slot('" + row.slot() + "') on " + up.name() + " as "
                                + replicationUser, p -> Slots.drop(sql, replicationUser, up, row.slot())
                        ? "slot " + row.slot() + " dropped on " + up.name() : "slot " + row.slot() + " was gone")));
            }
        }
        if (deleteData) {
            steps.add(PlannedStep.of("delete its data directory and Pilothouse's files next to it",
                    new HostAction.Command(List.of("rm", "-rf", "--", dir, dir + ".pgpass", dir + ".log",
                            dir + ".patroni.yml", dir + ".patroni.log", dir + ".patroni.pid", dir + ".patroni-pgpass"),
                            TargetHost.QUICK)));
        }
        return steps;
    }

    private static String awaitExit(TargetHost host, List<Long> pids) throws Exception {
        long start = System.nanoTime();
        for (long pid : pids) {
            while (host.run(List.of("kill", "-0", String.valueOf(pid)), TargetHost.QUICK).ok()) {
                if (PlanRunner.since(start).compareTo(PatroniReplicaPlan.STOP) > 0) {
                    throw new PlanRunner.StepFailedException("pid " + pid + " still runs after "
                            + PatroniReplicaPlan.STOP.toSeconds() + " s");
                }
                Thread.sleep(200);
            }
        }
        return "stopped after " + PlanRunner.since(start).toMillis() + " ms";
    }

    /** Runs the removal inside the guard; the report lists every step. */
    public ReplicaReport remove(RemovalPreview preview, TargetHost host, Consumer<String> progress) throws Exception {
        return runner.run(new GuardedPlanRunner.Operation("replica-remove", "removing", preview.member(),
                Map.of("where", host.describe())), preview, host, progress);
    }
}
