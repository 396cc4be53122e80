package io.pilothouse.app.cli;

import io.pilothouse.services.hosts.HostCommandException;
import io.pilothouse.services.hosts.HostShell;
import io.pilothouse.services.hosts.SshSettings;
import io.pilothouse.services.policy.MutationRefusedException;
import io.pilothouse.services.replicas.ReplicaFailedException;
import io.pilothouse.services.replicas.ReplicaPreview;
import io.pilothouse.services.replicas.ReplicaRefusedException;
import io.pilothouse.services.replicas.ReplicaReport;
import io.pilothouse.services.replicas.ReplicaRequest;
import io.pilothouse.services.replicas.ReplicaService;
import io.pilothouse.services.replicas.TargetHost;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code pilothouse replica add}: pre-checks, a preview of every command, then the replica, verified streaming. */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = "Add a replica: pre-checks (data directory, port, disk, version, wal senders, slots, pg_hba, "
                + "replication login, cluster state), then the commands to run on the host, then (unless --dry-run) "
                + "the run, verified streaming. Asks you to type the cluster name unless --yes. Exit 0 done, 3 "
                + "refused (nothing changed), 1 failed (what ran was undone; the report says what).")
public final class ReplicaAddCommand implements Callable<Integer> {

    @Mixin
    ClusterOperationOptions options;

    @Option(names = "--host", required = true, paramLabel = "ADDRESS",
            description = "The address the new replica listens on (what the upstream's pg_hba sees).")
    String host;

    @Option(names = "--ssh", paramLabel = "[USER@]HOST[:PORT]", description = "Run the commands over SSH "
            + "(default: on this machine).")
    String ssh;

    @Mixin
    SshOptions sshOptions;

    @Option(names = "--port", defaultValue = "5432", paramLabel = "PORT", converter = NumericOptions.Port.class, description = "Its PostgreSQL port "
            + "(default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--rest-port", paramLabel = "PORT", converter = NumericOptions.Port.class, description = "Patroni's REST port on the host "
            + "(default: --port + 2576, i.e. 8008 for 5432).")
    Integer restPort;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Its data directory, absent or empty (default: "
            + "/var/lib/postgresql/<major>/<name>).")
    String dataDir;

    @Option(names = "--name", paramLabel = "NAME", description = "Its member name (default: the host and port).")
    String name;

    @Option(names = "--upstream", paramLabel = "MEMBER", description = "Stream from this member (a cascade; Patroni: "
            + "tag replicatefrom) instead of the leader.")
    String upstream;

    @Option(names = "--tags", split = ",", paramLabel = "TAG[=VALUE]", description = "Patroni tags, e.g. "
            + "nofailover,noloadbalance,failover_priority=0.")
    List<String> tags = List.of();

    @Option(names = "--replication-user", defaultValue = "replicator", paramLabel = "ROLE",
            description = "The replication role; its password from your pgpass or keyring (default: ${DEFAULT-VALUE}).")
    String replicationUser;

    @Option(names = "--os-user", defaultValue = "postgres", paramLabel = "USER", description = "Who runs PostgreSQL "
            + "when the shell is root (default: ${DEFAULT-VALUE}).")
    String osUser;

    @Option(names = "--bin-dir", paramLabel = "DIR", description = "PostgreSQL's bin directory on the host "
            + "(default: /usr/lib/postgresql/<major>/bin).")
    String binDir;

    @Option(names = "--patroni-package", paramLabel = "DIR", description = "An unpacked Debian patroni package on the "
            + "host (e.g. the sandbox's cached Patroni 4) instead of 'patroni' on the PATH.")
    String patroniPackage;

    @Option(names = "--as", paramLabel = "ROLE", description = "A superuser to read pg_hba_file_rules with (its "
            + "password from pgpass or keyring); without it the pg_hba check may be 'unknown' and the run probes.")
    String hbaLogin;

    @Option(names = "--dry-run", description = "Show the pre-checks and every command, run nothing.")
    boolean dryRun;

    @Option(names = "--yes", description = "Do not ask for confirmation.")
    boolean yes;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (ClusterOperation op = ClusterOperation.open(options);
             HostShell shell = sshOptions.open(Optional.ofNullable(ssh),
                     SshSettings.forWorkspace(options.source.workspace()))) {
            ReplicaService service = op.session().replicas().service(op.cluster());
            ReplicaRequest request = request(op);
            TargetHost target = TargetHost.on(shell, osUser);
            ReplicaPreview preview = service.previewAdd(ReplicaClusters.withLeader(op, options), request, target,
                    Optional.ofNullable(hbaLogin));
            if (!ReplicaCommandSteps.showPreview(out, preview, dryRun)) {
                return 0;
            }
            if (!yes && !ClusterOperation.confirm(out, "This adds " + request.name() + " to " + op.cluster().scope()
                    + " on " + target.describe() + ".", op.cluster().scope())) {
                throw new UserException("adding " + request.name() + " not confirmed; nothing was done (pass --yes "
                        + "to skip the question)", ClusterOperation.REFUSED);
            }
            ReplicaReport report = service.add(preview, target, ReplicaCommandSteps.printer(out));
            report.lines().forEach(out::println);
            return 0;
        } catch (ReplicaFailedException | ReplicaRefusedException | MutationRefusedException | HostCommandException e) {
            throw ReplicaCommandSteps.exit(e, out);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage(), 2);
        }
    }

    private ReplicaRequest request(ClusterOperation op) {
        String memberName = name != null ? name : ReplicaService.isPatroni(op.cluster())
                ? host.replaceAll("[^A-Za-z0-9]", "_") + "_" + port : host + ":" + port;
        String major = op.cluster().members().stream().map(m -> m.postgresVersion())
                .filter(v -> v != null && !v.isBlank()).findFirst().map(v -> v.split("\\.")[0]).orElse("15");
        String dir = dataDir != null ? dataDir : "/var/lib/postgresql/" + major + "/" + memberName.replace(':', '_');
        int rest = restPort != null ? restPort : port + 2576 <= 65535 ? port + 2576 : port - 2576;
        Map<String, String> tagMap = new LinkedHashMap<>();
        for (String tag : tags) {
            int eq = tag.indexOf('=');
            tagMap.put(eq < 0 ? tag.strip() : tag.substring(0, eq).strip(), eq < 0 ? "true" : tag.substring(eq + 1));
        }
        return new ReplicaRequest(host, Optional.ofNullable(ssh), port, dir, memberName, Optional.ofNullable(upstream),
                tagMap, replicationUser, osUser, Optional.ofNullable(binDir), rest,
                Optional.ofNullable(patroniPackage));
    }
}
