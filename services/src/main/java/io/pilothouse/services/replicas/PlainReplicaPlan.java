package io.pilothouse.services.replicas;

import io.pilothouse.services.hosts.ShellQuoting;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The steps that add a replica to a plain streaming-replication cluster: a pgpass for the replication login, a
 * replication login probe from the target, a physical slot on the upstream, {@code pg_basebackup -R -S slot -P},
 * {@code primary_conninfo} pointed at the pgpass, {@code pg_ctl start}, and streaming verified on the upstream.
 */
final class PlainReplicaPlan {

    static final Duration BASEBACKUP = Duration.ofHours(6);
    static final Duration START = Duration.ofSeconds(150);
    static final Duration STREAMING = Duration.ofSeconds(60);

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
        steps.add(PlannedStep.of("create the physical slot " + slot + " on " + up.name(),
                        new HostAction.Local("SELECT pg_create_physical_replication_slot('" + slot + "', true) on "
                                + up.name() + " as " + r.replicationUser(), p -> {
                            Slots.create(sql, r.replicationUser(), up, slot);
                            return null;
                        }))
                .undoneBy(PlannedStep.of("drop the slot " + slot + " on " + up.name(),
                        new HostAction.Local("SELECT pg_drop_replication_slot('" + slot + "') on " + up.name(), p -> {
                            Slots.drop(sql, r.replicationUser(), up, slot);
                            return null;
                        }))));
        steps.add(PlannedStep.of("copy " + up.name() + " with pg_basebackup",
                        new HostAction.Command(host.asServer(List.of(bin + "/pg_basebackup", "-D", dir, "-d", conninfo,
                                "-R", "-S", slot, "-P", "-X", "stream", "-c", "fast")), BASEBACKUP))
                .watchedBy(new BasebackupWatch(sql, up.host(), up.port(), r.name()))
                .undoneBy(ReplicaFiles.removeDataDir(dir, dataDirAbsent)));
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
        steps.add(PlannedStep.of("start the replica",
                        new HostAction.Command(host.asServer(List.of(bin + "/pg_ctl", "start", "-D", dir, "-l", log,
                                "-w", "-t", String.valueOf(START.toSeconds() - 10), "-o", options)), START))
                .undoneBy(PlannedStep.of("stop the replica", new HostAction.Command(host.asServer(List.of(
                        bin + "/pg_ctl", "stop", "-D", dir, "-m", "immediate", "-w")), TargetHost.QUICK))));
        steps.add(PlannedStep.of("verify streaming",
                new HostAction.Local("pg_stat_replication on " + up.name() + " shows " + r.name() + " streaming "
                        + "with slot " + slot, p -> awaitStreaming(sql, up, r.name(), slot))));
        return steps;
    }

    static String parentOf(String dir) {
        return java.nio.file.Path.of(dir).getParent().toString();
    }

    static final String STREAMING_ROW = "SELECT r.state, s.slot_name FROM pg_stat_replication r"
            + " LEFT JOIN pg_replication_slots s ON s.active_pid = r.pid WHERE r.application_name = ?";

    /** Waits until the upstream shows {@code name} streaming on {@code slot}; the note says how long it took. */
    static String awaitStreaming(ReplicaSql sql, UpstreamMember up, String name, String slot) throws Exception {
        long start = System.nanoTime();
        String last = "no walsender for " + name + " yet";
        while (PlanRunner.since(start).compareTo(STREAMING) < 0) {
            try (Connection c = sql.monitor(up.host(), up.port()); PreparedStatement ps = c.prepareStatement(
                    STREAMING_ROW)) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        last = "state " + rs.getString(1) + ", slot " + rs.getString(2);
                        if ("streaming".equals(rs.getString(1)) && slot.equals(rs.getString(2))) {
                            return name + " streams from " + up.name() + " (" + up.host() + ":" + up.port()
                                    + ") on slot " + slot;
                        }
                    }
                }
            } catch (SQLException e) {
                last = e.getMessage();
            }
            Thread.sleep(250);
        }
        throw new PlanRunner.StepFailedException(name + " is not streaming from " + up.name() + " after "
                + STREAMING.toSeconds() + " s (" + last + ")");
    }
}
