package io.pilothouse.services.replicas;

import io.pilothouse.services.hosts.ShellQuoting;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The steps that add a replica to a plain streaming-replication cluster: a pgpass for the replication login, a
 * replication login probe from the target, {@code pg_basebackup -R -C -S slot -P} (the physical slot made by the
 * copy), {@code primary_conninfo} pointed at the pgpass, {@code pg_ctl start}, and streaming verified on the upstream.
 */
final class PlainReplicaPlan {

    static final Duration BASEBACKUP = Duration.ofHours(6);

    private PlainReplicaPlan() {
    }

    static List<PlannedStep> steps(ReplicaRequest r, TargetHost host, UpstreamMember up, int major, ReplicaSql sql,
                                   boolean dataDirAbsent) {
        String bin = r.binDirectory(major);
        String dir = r.dataDirectory();
        String passfile = r.sideFile("pgpass");
        String log = r.sideFile("log");
        String slot = r.slotName();
        String conninfo = Conninfo.replication(up.host(), up.port(), r.replicationUser(), passfile, r.name());
        List<PlannedStep> steps = new ArrayList<>();
        steps.addAll(ReplicaFiles.pgpass(r, host, up.host(), up.port(), sql));
        steps.add(PlannedStep.of("log in for replication from the target (pg_hba and password)",
                new HostAction.Command(host.asServer(List.of(bin + "/psql", "-X", "-A", "-t", "-d",
                        conninfo + " replication=true", "-c", "IDENTIFY_SYSTEM")), TargetHost.QUICK)));
        // pg_basebackup creates the slot itself (-C): no round trip of its own, and nothing is created before the
        // copy starts. A copy that fails half-way leaves a partial directory and perhaps the slot: both are undone.
        UpstreamLink upstream = new UpstreamLink(sql, up.host(), up.port());
        steps.add(PlannedStep.of("copy " + up.name() + " with pg_basebackup, creating the physical slot " + slot,
                        new HostAction.Command(host.asServer(List.of(bin + "/pg_basebackup", "-D", dir, "-d", conninfo,
                                "-R", "-C", "-S", slot, "-P", "-X", "stream", "-c", "fast")), BASEBACKUP))
                .watchedBy(new BasebackupWatch(upstream, r.name()))
                .undoneBy(ReplicaFiles.removeDataDir(dir, dataDirAbsent))
                .undoneBy(PlannedStep.of("drop the slot " + slot + " on " + up.name() + " if the copy made it",
                        new HostAction.Local("SELECT pg_drop_replication_slot('" + slot + "') on " + up.name(), p ->
                                Slots.drop(sql, r.replicationUser(), up, slot) ? "slot " + slot + " dropped"
                                        : "slot " + slot + " had not been made"))));
        String autoConf = dir + "/postgresql.auto.conf";
        String line = "primary_conninfo = " + Conninfo.guc(conninfo);
        List<String> read = host.asServer(List.of("cat", "--", autoConf));
        steps.add(PlannedStep.of("replace the primary_conninfo pg_basebackup -R wrote (it may hold the password)",
                new HostAction.Local(ShellQuoting.render(read) + ", then write " + autoConf + " (mode 0600"
                        + (host.chownTo() == null ? "" : ", owner " + host.chownTo()) + ") with: " + line,
                        p -> AutoConf.replacePrimaryConninfo(host, autoConf, line))));
        String options = "-p " + r.port() + " -c listen_addresses=" + ShellQuoting.quote(r.host())
                + " -c logging_collector=off -c cluster_name=" + ShellQuoting.quote(r.name())
                + " -k " + ShellQuoting.quote(parentOf(dir));
        // -W: pg_ctl returns once the postmaster is forked; its own wait polls the pid file and would only delay
        // the check that matters, streaming seen on the upstream, which also sees a replica that stopped.
        List<String> stop = host.asServer(List.of(bin + "/pg_ctl", "stop", "-D", dir, "-m", "immediate", "-w"));
        steps.add(PlannedStep.of("start the replica",
                        new HostAction.Command(host.asServer(List.of(bin + "/pg_ctl", "start", "-D", dir, "-l", log,
                                "-W", "-o", options)), TargetHost.QUICK))
                .undoneBy(PlannedStep.of("stop the replica", new HostAction.Command(stop, TargetHost.QUICK))));
        StreamingWait wait = new StreamingWait(upstream, up.name(), r.name(), slot, host,
                host.asServer(List.of(bin + "/pg_ctl", "status", "-D", dir)),
                host.asServer(List.of("tail", "-n", "5", "--", log)));
        steps.add(PlannedStep.of("verify streaming", new HostAction.Local(wait.describe(), p -> wait.await())));
        return steps;
    }

    static String parentOf(String dir) {
        return java.nio.file.Path.of(dir).getParent().toString();
    }

}
