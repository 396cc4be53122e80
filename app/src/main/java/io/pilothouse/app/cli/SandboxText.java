package io.pilothouse.app.cli;

import io.pilothouse.services.sandbox.DownReport;
import io.pilothouse.services.sandbox.SandboxInfo;

/** The endpoints of a sandbox in words, for the terminal. Never prints a password (there is none in the info). */
final class SandboxText {

    private SandboxText() {
    }

    static String describe(SandboxInfo info) {
        StringBuilder sb = new StringBuilder();
        sb.append("sandbox ").append(info.scope()).append(" in ").append(info.dir()).append('\n');
        if (info.plain()) {
            sb.append("  plain streaming replication: node1 primary, node2 standby, node3 cascading from node2\n");
        } else {
            sb.append("  etcd        ").append(info.etcdUrl()).append("  namespace ").append(info.namespace())
                    .append('\n');
        }
        info.patroniRuntime().ifPresent(p -> sb.append("  patroni     ").append(p.describe()).append('\n'));
        for (SandboxInfo.Member m : info.members()) {
            sb.append(info.plain() ? String.format("  %-10s  postgres %s:%d%n", m.name(), m.pgHost(), m.pgPort())
                    : String.format("  %-10s  postgres %s:%d  patroni %s%n", m.name(), m.pgHost(), m.pgPort(),
                    m.restUrl()));
        }
        for (SandboxInfo.Shard s : info.shards()) {
            if (s.patroni()) {
                for (SandboxInfo.Member m : s.members()) {
                    sb.append(String.format("  %-10s  %-14s postgres %s:%d  patroni %s  (Patroni shard cluster)%n",
                            s.name(), m.name(), m.pgHost(), m.pgPort(), m.restUrl()));
                }
                continue;
            }
            sb.append(String.format("  %-10s  postgres %s:%d  (standalone shard, max_prepared_transactions 20)%n",
                    s.name(), s.pgHost(), s.pgPort()));
        }
        if (info.haproxy() != null) {
            sb.append(String.format("  haproxy     write 127.0.0.1:%d  read 127.0.0.1:%d  stats %s%n",
                    info.haproxy().writePort(), info.haproxy().readPort(), info.haproxy().statsCsvUrl()));
        }
        if (info.pgbouncer() != null) {
            sb.append(String.format("  pgbouncer   127.0.0.1:%d  admin console: database pgbouncer, user %s%n",
                    info.pgbouncer().port(), info.pgbouncer().adminUser()));
        }
        if (info.pgpool() != null) {
            sb.append(String.format("  pgpool      127.0.0.1:%d  PCP port %d, user %s%n", info.pgpool().port(),
                    info.pgpool().pcpPort(), info.pgpool().pcpUser()));
        }
        sb.append("  roles       superuser ").append(info.superuser()).append(", monitor ").append(info.monitorUser())
                .append(", app ").append(info.appUser()).append(" (passwords in ").append(info.passfile())
                .append(")\n");
        sb.append("  workspace   ").append(info.workspaceFile()).append('\n');
        return sb.toString();
    }

    static String describe(DownReport report) {
        long stopped = report.processes().stream().filter(p -> p.outcome() != DownReport.Outcome.NOT_RUNNING).count();
        return "sandbox in " + report.dir() + " stopped: " + stopped + " process(es) ended in "
                + report.elapsedMillis() + " ms" + (report.clean() ? ", nothing left running"
                : "; STILL RUNNING: pids " + report.survivors());
    }
}
