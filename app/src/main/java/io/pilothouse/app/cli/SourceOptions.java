package io.pilothouse.app.cli;

import io.pilothouse.services.platform.AppDirs;
import io.pilothouse.services.workspace.PostgresConfig;
import io.pilothouse.services.workspace.SourceConfig;
import io.pilothouse.services.workspace.Workspace;
import io.pilothouse.services.workspace.WorkspaceException;
import io.pilothouse.services.workspace.WorkspaceLoader;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where clusters come from, shared by {@code snapshot}, {@code watch}, {@code screenshot} and {@code gui}. */
public final class SourceOptions {

    @ArgGroup(exclusive = true)
    Choice choice;

    static final class Choice {
        @Option(names = "--workspace", paramLabel = "FILE", description = "Workspace file (YAML).")
        Path workspace;

        @Option(names = "--etcd", paramLabel = "URL", split = ",",
                description = "etcd endpoint(s); every cluster under --namespace is discovered.")
        List<String> etcd;

        @Option(names = "--patroni", paramLabel = "URL", split = ",",
                description = "Patroni REST URL(s) of one cluster's members.")
        List<String> patroni;
    }

    @Option(names = "--namespace", paramLabel = "NS", description = "Patroni namespace in etcd (default: /service/).")
    String namespace;

    @Option(names = "--pg-user", paramLabel = "USER",
            description = "Also read each member over SQL as USER (password from pgpass or the keyring).")
    String pgUser;

    @Option(names = "--pg-database", paramLabel = "DB", description = "Database for SQL reads (default: postgres).")
    String pgDatabase;

    @Option(names = "--passfile", paramLabel = "FILE", description = "pgpass file for SQL reads.")
    Path passfile;

    /** The workspace these options describe: a file, an etcd namespace, Patroni URLs, or the default workspace. */
    public Workspace workspace() {
        WorkspaceLoader loader = new WorkspaceLoader();
        try {
            if (choice != null && choice.workspace != null) {
                return loader.load(choice.workspace);
            }
            Workspace w;
            if (choice != null && choice.etcd != null) {
                w = loader.fromEtcd(choice.etcd, namespace);
            } else if (choice != null && choice.patroni != null) {
                w = loader.fromPatroni(choice.patroni);
            } else {
                Path def = AppDirs.current().defaultWorkspaceFile();
                if (!Files.exists(def)) {
                    throw new UserException("no cluster source given and no default workspace at " + def
                            + "; use --workspace FILE, --etcd URL or --patroni URL (or run 'pilothouse demo')", 2);
                }
                return loader.load(def);
            }
            return withPostgres(w);
        } catch (WorkspaceException e) {
            throw new UserException(e.getMessage(), 2);
        }
    }

    /** SQL reads only when asked for with {@code --pg-user}: guessing a user would just produce login failures. */
    private Workspace withPostgres(Workspace w) {
        PostgresConfig pg = pgUser == null ? null
                : new PostgresConfig(pgUser, pgDatabase, passfile == null ? null : passfile.toAbsolutePath().toString(), null);
        return Workspace.builder(w.name()).readOnly(w.readOnly()).sources(w.sources().stream()
                .map(s -> new SourceConfig(s.name(), s.etcd(), s.patroni(), pg)).toList()).build();
    }
}
