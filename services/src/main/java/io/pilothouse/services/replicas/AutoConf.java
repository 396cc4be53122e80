package io.pilothouse.services.replicas;

import io.pilothouse.services.hosts.CommandResult;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/** Edits a replica's postgresql.auto.conf on the target: read it, replace one setting, write it back (0600). */
final class AutoConf {

    private AutoConf() {
    }

    /** Replaces every {@code primary_conninfo} line with {@code line}; the note says whether a password was dropped. */
    static String replacePrimaryConninfo(TargetHost host, String path, String line) throws Exception {
        CommandResult read = host.run(host.asServer(List.of("cat", "--", path)), TargetHost.QUICK);
        if (!read.ok()) {
            throw new PlanRunner.StepFailedException("cannot read " + path + ": " + read.lastLine());
        }
        boolean hadPassword = read.stdout().lines().anyMatch(l -> l.startsWith("primary_conninfo")
                && l.contains("password="));
        String kept = read.stdout().lines().filter(l -> !l.startsWith("primary_conninfo"))
                .collect(Collectors.joining("\n"));
        host.write(path, (kept + "\n" + line + "\n").getBytes(StandardCharsets.UTF_8), 0600);
        if (host.chownTo() != null) {
            CommandResult chown = host.run(List.of("chown", host.chownTo(), "--", path), TargetHost.QUICK);
            if (!chown.ok()) {
                throw new PlanRunner.StepFailedException("cannot give " + path + " to " + host.chownTo() + ": "
                        + chown.lastLine());
            }
        }
        return hadPassword ? "primary_conninfo from pg_basebackup -R held the password; replaced by the passfile"
                : "primary_conninfo names the passfile";
    }
}
