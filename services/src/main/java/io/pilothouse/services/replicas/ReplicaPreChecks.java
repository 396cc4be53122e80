package io.pilothouse.services.replicas;

import io.pilothouse.services.model.ClusterSnapshot;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The pre-checks of adding a replica, each with the facts behind it. Pure: facts in, verdicts out. */
final class ReplicaPreChecks {

    /** Free space asked for beyond the database and WAL, for WAL written during the copy. */
    static final double DISK_MARGIN = 1.2;
    /** pg_basebackup -X stream holds two walsenders while it copies; the replica then keeps one. */
    static final int WALSENDERS_NEEDED = 2;

    private ReplicaPreChecks() {
    }

    /** Everything the checks look at. */
    record Inputs(ClusterSnapshot cluster, boolean patroni, ReplicaRequest request, String upstreamName,
                  String upstreamEndpoint, TargetFacts target, List<Integer> ports, UpstreamFacts upstream,
                  String upstreamProblem, InetAddress targetAddress, boolean passwordFound,
                  Optional<String> runningOperation) {
    }

    static List<PreCheck> evaluate(Inputs in) {
        List<PreCheck> checks = new ArrayList<>();
        checks.add(clusterState(in));
        checks.add(in.cluster().member(in.request().name()).isPresent()
                ? PreCheck.fail("name", in.request().name() + " is already a member of " + in.cluster().scope()
                + "; choose another --name")
                : PreCheck.pass("name", in.request().name() + " is not a member of " + in.cluster().scope() + " yet"));
        checks.add(dataDirectory(in));
        checks.add(ports(in));
        UpstreamFacts up = in.upstream();
        if (up == null) {
            String why = "could not read " + in.upstreamName() + " (" + in.upstreamEndpoint() + "): "
                    + in.upstreamProblem();
            checks.add(PreCheck.fail("upstream", why));
        } else {
            checks.add(disk(in, up));
            checks.add(version(in, up));
            checks.add(walSenders(in, up));
            checks.add(slots(in, up));
            checks.add(hba(in, up));
        }
        String login = in.request().replicationUser() + "@" + in.upstreamEndpoint();
        checks.add(in.passwordFound()
                ? PreCheck.pass("replication login", "the password of " + login + " is in your pgpass or keyring; "
                + "it is written only into a mode 0600 file on the target that the replica reads")
                : PreCheck.fail("replication login", "no password for " + login + " in your pgpass or keyring; "
                + "add it with: pilothouse credentials set --host " + hostOf(in.upstreamEndpoint()) + " --port "
                + portOf(in.upstreamEndpoint()) + " --user " + in.request().replicationUser()));
        return checks;
    }

    private static PreCheck clusterState(Inputs in) {
        ClusterSnapshot c = in.cluster();
        if (in.patroni() && c.paused()) {
            return PreCheck.fail("cluster state", c.scope() + " is paused (maintenance mode): Patroni would not "
                    + "bring the new member up; resume it first");
        }
        if (c.scheduledSwitchover() != null) {
            return PreCheck.fail("cluster state", c.scope() + " has a scheduled switchover; add the replica after "
                    + "it, or cancel it");
        }
        if (in.runningOperation().isPresent()) {
            return PreCheck.fail("cluster state", "an operation is running on " + c.scope() + ": "
                    + in.runningOperation().get() + "; wait for it to end");
        }
        if (c.leader() == null) {
            return PreCheck.fail("cluster state", c.scope() + " has no leader now; a replica needs one to copy from");
        }
        return PreCheck.pass("cluster state", c.scope() + (in.patroni() ? " is not paused," : "")
                + " has leader " + c.leader() + " and no operation running");
    }

    private static PreCheck dataDirectory(Inputs in) {
        TargetFacts t = in.target();
        String dir = in.request().dataDirectory();
        if (t.dataDirProblem() != null) {
            return PreCheck.fail("data directory", "cannot read " + dir + ": " + t.dataDirProblem());
        }
        if (t.dataDirEntries() > 0) {
            return PreCheck.fail("data directory", dir + " holds " + t.dataDirEntries() + " entries; give an absent "
                    + "or empty directory (nothing is ever deleted to make room)");
        }
        return PreCheck.pass("data directory", dir + (t.dataDirEntries() < 0 ? " is absent (it will be created)"
                : " is empty"));
    }

    private static PreCheck ports(Inputs in) {
        TargetFacts t = in.target();
        if (t.portsProblem() != null) {
            return PreCheck.unknown("port", "could not list listening ports: " + t.portsProblem());
        }
        if (!t.busyPorts().isEmpty()) {
            return PreCheck.fail("port", "something already listens on port " + t.busyPorts() + " of the target; "
                    + "choose another --port" + (in.patroni() ? " / --rest-port" : ""));
        }
        return PreCheck.pass("port", "nothing listens on port " + in.ports() + " of the target");
    }

    private static PreCheck disk(Inputs in, UpstreamFacts up) {
        long need = (long) ((up.databaseBytes() + up.walBytes()) * DISK_MARGIN);
        String figures = "database " + mib(up.databaseBytes()) + " + WAL " + mib(up.walBytes()) + " (x"
                + DISK_MARGIN + ") = " + mib(need) + " needed";
        long free = in.target().availableBytes();
        if (free < 0) {
            return PreCheck.unknown("disk", figures + "; free space on the target could not be measured (df)");
        }
        String measured = mib(free) + " free on the target at " + in.target().diskPath();
        return free >= need ? PreCheck.pass("disk", figures + "; " + measured)
                : PreCheck.fail("disk", figures + " but only " + measured + "; free space or choose another --data-dir");
    }

    private static PreCheck version(Inputs in, UpstreamFacts up) {
        String bin = in.request().binDirectory(up.major());
        if (in.target().binMajor() == 0) {
            return PreCheck.fail("PostgreSQL version", "no PostgreSQL binaries in " + bin + " on the target; install "
                    + "PostgreSQL " + up.major() + " there or give --bin-dir");
        }
        if (in.target().binMajor() != up.major()) {
            return PreCheck.fail("PostgreSQL version", "the target's binaries in " + bin + " are PostgreSQL "
                    + in.target().binMajor() + " but the upstream runs " + up.major() + "; a physical replica needs "
                    + "the same major");
        }
        if (!in.target().missingPrograms().isEmpty()) {
            return PreCheck.fail("PostgreSQL version", bin + " lacks " + in.target().missingPrograms());
        }
        return PreCheck.pass("PostgreSQL version", "PostgreSQL " + up.major() + " on both; " + bin + " has every "
                + "program needed");
    }

    private static PreCheck walSenders(Inputs in, UpstreamFacts up) {
        int free = up.maxWalSenders() - up.walSenders();
        String facts = "max_wal_senders " + up.maxWalSenders() + ", " + up.walSenders() + " in use on "
                + in.upstreamName();
        return free >= WALSENDERS_NEEDED ? PreCheck.pass("wal senders", facts + "; the copy needs "
                + WALSENDERS_NEEDED) : PreCheck.fail("wal senders", facts + "; the copy needs " + WALSENDERS_NEEDED
                + " free: raise max_wal_senders (restart) first");
    }

    private static PreCheck slots(Inputs in, UpstreamFacts up) {
        String facts = "max_replication_slots " + up.maxSlots() + ", " + up.slots() + " exist on " + in.upstreamName();
        String slot = in.request().slotName();
        if (!in.patroni() && up.slotNames().contains(slot)) {
            // The copy creates it (pg_basebackup -C) and a failed copy drops it: it must not be someone else's.
            return PreCheck.fail("replication slots", "a slot named " + slot + " already exists on " + in.upstreamName()
                    + " (left by a replica that was at " + in.request().name() + "?); drop it there with SELECT "
                    + "pg_drop_replication_slot('" + slot + "') if nothing uses it, or choose another --name");
        }
        return up.maxSlots() - up.slots() >= 1 ? PreCheck.pass("replication slots", facts + "; one more is needed")
                : PreCheck.fail("replication slots", facts + "; raise max_replication_slots (restart) or drop an "
                + "unused slot first");
    }

    private static PreCheck hba(Inputs in, UpstreamFacts up) {
        String user = in.request().replicationUser();
        String ip = in.targetAddress().getHostAddress();
        if (up.hbaRules() == null) {
            return PreCheck.unknown("pg_hba", up.hbaProblem() + "; pass --as a superuser to check it now. The run "
                    + "logs in for replication from the target before copying anything, and stops there if refused");
        }
        for (HbaRule rule : up.hbaRules()) {
            if (rule.matchesReplication(user, in.targetAddress())) {
                return "reject".equals(rule.method())
                        ? PreCheck.fail("pg_hba", "pg_hba.conf of " + in.upstreamName() + " rejects replication by "
                        + user + " from " + ip + " (" + rule.describe() + ")")
                        : PreCheck.pass("pg_hba", "replication by " + user + " from " + ip + " is allowed by "
                        + rule.describe());
            }
        }
        return PreCheck.fail("pg_hba", "no line of pg_hba.conf on " + in.upstreamName() + " lets " + user
                + " replicate from " + ip + "; add e.g. 'host replication " + user + " " + ip + "/32 scram-sha-256' "
                + "and reload");
    }

    static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    static String hostOf(String endpoint) {
        return endpoint.substring(0, endpoint.lastIndexOf(':'));
    }

    static String portOf(String endpoint) {
        return endpoint.substring(endpoint.lastIndexOf(':') + 1);
    }
}
