package io.pilothouse.services.replicas;

import java.util.ArrayList;
import java.util.List;

/** Steps for the replica's own files on the target: its pgpass and its data directory. */
final class ReplicaFiles {

    private ReplicaFiles() {
    }

    /**
     * Writes the replication login's pgpass line (mode 0600) and gives it to the server's user; the password is
     * looked up only when the file is written, and shown nowhere.
     */
    static List<PlannedStep> pgpass(ReplicaRequest r, TargetHost host, String upHost, int upPort, ReplicaSql sql) {
        String passfile = r.sideFile("pgpass");
        List<PlannedStep> steps = new ArrayList<>();
        PlannedStep removeIt = PlannedStep.of("remove the pgpass", new HostAction.Command(
                List.of("rm", "-f", "--", passfile), TargetHost.QUICK));
        steps.add(PlannedStep.of("write the replication login for libpq", new HostAction.WriteFile(passfile, 0600,
                "the line for " + r.replicationUser() + "@" + upHost + ":" + upPort + " from your pgpass/keyring "
                        + "(password not shown)", () -> Conninfo.pgpassLine(upHost, upPort, r.replicationUser(),
                sql.password(upHost, upPort, r.replicationUser()).orElseThrow(() -> new IllegalStateException(
                        "no password for " + r.replicationUser() + "@" + upHost + ":" + upPort))))).undoneBy(removeIt));
        chown(host, passfile).ifPresent(steps::add);
        return steps;
    }

    /** {@code chown} to the server's user when the shell runs as root. */
    static java.util.Optional<PlannedStep> chown(TargetHost host, String path) {
        if (host.chownTo() == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(PlannedStep.of("give " + path + " to " + host.chownTo(), new HostAction.Command(
                List.of("chown", host.chownTo(), "--", path), TargetHost.QUICK)));
    }

    /**
     * Removes what a failed copy left: the whole directory when it was absent before, only its contents when it
     * was an empty directory someone prepared.
     */
    static PlannedStep removeDataDir(String dir, boolean wasAbsent) {
        return wasAbsent
                ? PlannedStep.of("remove the partial data directory", new HostAction.Command(
                List.of("rm", "-rf", "--", dir), TargetHost.QUICK))
                : PlannedStep.of("empty the data directory again", new HostAction.Command(
                List.of("find", dir, "-mindepth", "1", "-delete"), TargetHost.QUICK));
    }
}
