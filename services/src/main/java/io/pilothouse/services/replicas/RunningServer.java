package io.pilothouse.services.replicas;

import io.pilothouse.services.hosts.CommandResult;
import io.pilothouse.services.hosts.HostCommandException;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PostgreSQL server listening on a port of the target, found from the host itself: its postmaster's pid
 * ({@code ss -p}), its data directory (the postmaster's working directory) and, when Patroni runs it, Patroni's pid.
 *
 * @param postmasterPid the postmaster's pid
 * @param dataDir       its data directory
 * @param patroniPid    the Patroni process that started it, or 0 when none did
 */
record RunningServer(long postmasterPid, String dataDir, long patroniPid) {

    private static final Pattern PID = Pattern.compile("pid=(\\d+)");

    static Optional<RunningServer> find(TargetHost host, int port) throws HostCommandException {
        CommandResult ss = host.run(List.of("ss", "-Htlnp", "sport = :" + port), TargetHost.QUICK);
        Matcher m = PID.matcher(ss.stdout());
        if (!ss.ok() || !m.find()) {
            return Optional.empty();
        }
        long pid = Long.parseLong(m.group(1));
        CommandResult cwd = host.run(List.of("readlink", "/proc/" + pid + "/cwd"), TargetHost.QUICK);
        if (!cwd.ok() || cwd.stdout().isBlank()) {
            return Optional.empty();
        }
        String dataDir = cwd.stdout().strip();
        return Optional.of(new RunningServer(pid, dataDir, patroniOf(host, dataDir)));
    }

    /**
     * The Patroni that runs the server in {@code dataDir}. Patroni daemonises PostgreSQL (its parent is init), so it is
     * found by the pid file Pilothouse wrote when it started it, else by a {@code patroni} process whose configuration
     * file names the data directory.
     */
    static long patroniOf(TargetHost host, String dataDir) throws HostCommandException {
        CommandResult pidFile = host.run(List.of("cat", "--", dataDir + ".patroni.pid"), TargetHost.QUICK);
        if (pidFile.ok() && pidFile.stdout().strip().matches("\\d+")) {
            String pid = pidFile.stdout().strip();
            CommandResult args = host.run(List.of("ps", "-o", "args=", "-p", pid), TargetHost.QUICK);
            if (args.ok() && args.stdout().contains("patroni")) {
                return Long.parseLong(pid);
            }
        }
        CommandResult ps = host.run(List.of("ps", "-eo", "pid=,args="), TargetHost.QUICK);
        for (String line : ps.stdout().lines().map(String::strip).toList()) {
            String[] cols = line.split("\\s+");
            if (cols.length < 3 || !line.contains("patroni") || line.contains("patronictl")) {
                continue;
            }
            String config = cols[cols.length - 1];
            if (host.run(List.of("grep", "-qsF", "data_dir: " + dataDir, "--", config), TargetHost.QUICK).ok()) {
                return Long.parseLong(cols[0]);
            }
        }
        return 0;
    }

}
