package io.pilothouse.services.replicas;

import io.pilothouse.services.hosts.HostCommandException;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Member;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The steps that add a member to a Patroni cluster: its patroni.yml (mode 0600), Patroni started on the target, and
 * the member followed in the live model until it streams. Patroni itself clones it (from a {@code clonefrom} member
 * when one runs, else the leader) and creates its slot on the leader.
 */
final class PatroniReplicaPlan {

    static final Duration STOP = Duration.ofSeconds(60);

    private final List<PreCheck> checks;
    private final List<PlannedStep> steps;
    private final String shownConfig;

    private PatroniReplicaPlan(List<PreCheck> checks, List<PlannedStep> steps, String shownConfig) {
        this.checks = checks;
        this.steps = steps;
        this.shownConfig = shownConfig;
    }

    List<PreCheck> checks() {
        return checks;
    }

    List<PlannedStep> steps() {
        return steps;
    }

    String shownConfig() {
        return shownConfig;
    }

    static PatroniReplicaPlan plan(ClusterSnapshot cluster, ReplicaRequest r, TargetHost host,
                                   UpstreamMember copyFrom, int major, ReplicaSql sql,
                                   PatroniMembers patroni, boolean dataDirAbsent) throws HostCommandException {
        List<PreCheck> checks = new ArrayList<>();
        Optional<PatroniMembers.Dcs> dcs = patroni.dcs(cluster);
        checks.add(dcs.isPresent() ? PreCheck.pass("DCS", "the member registers in etcd " + dcs.get().hosts()
                + " under " + dcs.get().namespace() + cluster.scope())
                : PreCheck.fail("DCS", "the workspace names no etcd for " + cluster.scope() + "; add its etcd "
                + "endpoints to the source so the new member's patroni.yml can name them"));
        checks.add(PatroniConfigGaps.check(cluster.scope(), patroni.configGaps(cluster)));
        String clusterVersion = cluster.members().stream().map(Member::patroniVersion)
                .filter(v -> v != null && !v.isBlank()).findFirst().orElse(null);
        Optional<PatroniLauncher> launcher = PatroniLauncher.find(host, r.patroniPackage());
        if (launcher.isEmpty()) {
            checks.add(PreCheck.fail("Patroni", "Patroni does not run on the target ("
                    + r.patroniPackage().map(p -> "unpacked package " + p).orElse("'patroni' on the PATH")
                    + "); install it or give --patroni-package"));
        } else if (clusterVersion != null
                && PatroniLauncher.major(clusterVersion) != PatroniLauncher.major(launcher.get().version())) {
            checks.add(PreCheck.fail("Patroni", "the target runs Patroni " + launcher.get().version()
                    + " but the cluster runs " + clusterVersion + "; give --patroni-package with Patroni "
                    + PatroniLauncher.major(clusterVersion)));
        } else {
            checks.add(PreCheck.pass("Patroni", "Patroni " + launcher.get().version() + " on the target"
                    + (clusterVersion == null ? "" : ", the cluster runs " + clusterVersion)));
        }
        if (r.upstream().isPresent() && cluster.member(r.upstream().get()).isEmpty()) {
            checks.add(PreCheck.fail("upstream", "--upstream " + r.upstream().get() + " (replicatefrom) is not a "
                    + "member of " + cluster.scope()));
        }
        if (dcs.isEmpty() || launcher.isEmpty()) {
            return new PatroniReplicaPlan(checks, List.of(), null);
        }
        String bin = r.binDirectory(major);
        PatroniMemberConfig.Login replication = new PatroniMemberConfig.Login(r.replicationUser(), copyFrom.host(),
                copyFrom.port());
        PatroniMemberConfig.Login superuser = new PatroniMemberConfig.Login(r.serverUser(), copyFrom.host(),
                copyFrom.port());
        boolean superuserKnown = sql.password(copyFrom.host(), copyFrom.port(), r.serverUser()).isPresent();
        PatroniMemberConfig.Login su = superuserKnown ? superuser : null;
        String shown = PatroniMemberConfig.render(PatroniMemberConfig.config(cluster, dcs.get(), r, bin, replication,
                su, PatroniMemberConfig.Login::reference));
        String configPath = r.sideFile("patroni.yml");
        String log = r.sideFile("patroni.log");
        String pidFile = r.sideFile("patroni.pid");
        List<PlannedStep> steps = new ArrayList<>();
        steps.add(PlannedStep.of("write the member's patroni.yml", new HostAction.WriteFile(configPath, 0600,
                "the configuration below, with the passwords from your pgpass/keyring", () -> PatroniMemberConfig.render(
                        PatroniMemberConfig.config(cluster, dcs.get(), r, bin, replication, su, login -> new String(
                                sql.password(login.host(), login.port(), login.user()).orElseThrow(() ->
                                        new IllegalStateException("no password for " + login.user())))))
                .getBytes(StandardCharsets.UTF_8)))
                .undoneBy(PlannedStep.of("remove the patroni.yml", new HostAction.Command(List.of("rm", "-f", "--",
                        configPath, r.sideFile("patroni-pgpass")), TargetHost.QUICK))));
        ReplicaFiles.chown(host, configPath).ifPresent(steps::add);
        PlannedStep removeData = ReplicaFiles.removeDataDir(r.dataDirectory(), dataDirAbsent);
        PlannedStep stop = stopStep(host, pidFile);
        // One undo, in this order: Patroni (and its PostgreSQL) must be gone before its key and data go.
        PlannedStep undoStart = PlannedStep.of("stop Patroni, delete the member key and the data directory",
                new HostAction.Local(stop.action().render() + "; delete the etcd key of " + r.name() + "; "
                        + removeData.action().render(), p -> {
                    String stopped = ((HostAction.Local) stop.action()).check().run(p);
                    boolean key = patroni.deleteMemberKey(cluster, r.name());
                    HostAction.Command rm = (HostAction.Command) removeData.action();
                    host.run(rm.argv(), rm.timeout());
                    return stopped + (key ? "; member key deleted" : "");
                }));
        steps.add(PlannedStep.of("start Patroni on the target", new HostAction.Command(host.asServer(
                        launcher.get().startCommand(configPath, log, pidFile)), TargetHost.QUICK))
                .undoneBy(undoStart));
        PatroniMemberFollow follow = new PatroniMemberFollow(cluster, r.name(), patroni, host, pidFile, log);
        steps.add(PlannedStep.of("follow " + r.name() + " in the live model until it streams",
                        new HostAction.Local(follow.describe() + " (base backup progress from " + copyFrom.name()
                                + ")", follow::await))
                .watchedBy(new BasebackupWatch(new UpstreamLink(sql, copyFrom.host(), copyFrom.port()), r.name())));
        return new PatroniReplicaPlan(checks, steps, shown);
    }

    /** Stops the Patroni whose pid is in {@code pidFile} (it stops its PostgreSQL first) and waits for it to end. */
    /** The target's command that exits 0 while the Patroni of {@code pidFile} runs. */
    static List<String> patroniRuns(TargetHost host, String pidFile) {
        return host.asServer(List.of("sh", "-c", "kill -0 \"$(cat " + io.pilothouse.services.hosts.ShellQuoting
                .quote(pidFile) + ")\" 2>/dev/null"));
    }

    static PlannedStep stopStep(TargetHost host, String pidFile) {
        List<String> kill = host.asServer(List.of("sh", "-c", "kill -TERM \"$(cat " + io.pilothouse.services.hosts
                .ShellQuoting.quote(pidFile) + ")\""));
        return PlannedStep.of("stop Patroni (it stops PostgreSQL)", new HostAction.Local(
                io.pilothouse.services.hosts.ShellQuoting.render(kill) + ", then wait until it has exited", p -> {
            host.run(kill, TargetHost.QUICK);
            List<String> alive = patroniRuns(host, pidFile);
            long start = System.nanoTime();
            while (host.run(alive, TargetHost.QUICK).ok()) {
                if (PlanRunner.since(start).compareTo(STOP) > 0) {
                    throw new PlanRunner.StepFailedException("Patroni did not exit within " + STOP.toSeconds() + " s");
                }
                Thread.sleep(250);
            }
            return "Patroni exited after " + PlanRunner.since(start).toMillis() + " ms";
        }));
    }
}
