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
        long patroni = 0;
        CommandResult ppid = host.run(List.of("ps", "-o", "ppid=", "-p", String.valueOf(pid)), TargetHost.QUICK);
        if (ppid.ok() && !ppid.stdout().isBlank()) {
            String parent = ppid.stdout().strip();
            CommandResult args = host.run(List.of("ps", "-o", "args=", "-p", parent), TargetHost.QUICK);
            if (args.ok() && args.stdout().contains("patroni")) {
                patroni = Long.parseLong(parent);
            }
        }
        return Optional.of(new RunningServer(pid, cwd.stdout().strip(), patroni));
    }
}
