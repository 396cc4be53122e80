package io.pilothouse.app.cli;

import io.pilothouse.app.wiring.LiveSession;
import io.pilothouse.services.reshard.MoveRequest;
import picocli.CommandLine.Option;

/** {@code --cluster}, {@code --database}, {@code --as}: which coordinator resharding works on, and as whom. */
final class CoordinatorOptions {

    @Option(names = "--cluster", paramLabel = "CLUSTER",
            description = "The coordinator's cluster (scope or source/scope); default: the only Patroni cluster.")
    String cluster;

    @Option(names = "--database", paramLabel = "DB",
            description = "The coordinator's database; default: the source's database.")
    String database;

    @Option(names = "--as", paramLabel = "ROLE", defaultValue = "postgres",
            description = "Role to connect as on every node (a superuser: subscriptions need one); password from "
                    + "pgpass or the keyring. Default: ${DEFAULT-VALUE}.")
    String as;

    /** The request for {@code partition} to {@code targetServer} on this coordinator; bad names exit 2. */
    MoveRequest request(LiveSession session, String partition, String targetServer) {
        try {
            return session.moveRequest(cluster, database, partition, targetServer, as);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage(), 2);
        }
    }
}
