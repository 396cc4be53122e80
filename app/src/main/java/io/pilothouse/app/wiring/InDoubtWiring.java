package io.pilothouse.app.wiring;

import io.pilothouse.services.indoubt.AdvisedTransaction;
import io.pilothouse.services.indoubt.BranchResolver;
import io.pilothouse.services.indoubt.DecisionLookup;
import io.pilothouse.services.indoubt.InDoubtAnalysis;
import io.pilothouse.services.indoubt.InDoubtOperations;
import io.pilothouse.services.indoubt.InDoubtScan;
import io.pilothouse.services.indoubt.InDoubtScanner;
import io.pilothouse.services.indoubt.PreparedXactsProbe;
import io.pilothouse.services.indoubt.QueryDecisionLookup;
import io.pilothouse.services.live.WorkspaceShardNodes;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.workspace.IndoubtConfig;
import io.pilothouse.services.workspace.PostgresConfig;
import io.pilothouse.services.workspace.SourceConfig;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** In-doubt (prepared) transactions of a session: scanning every primary, advice, and resolving inside its guard. */
final class InDoubtWiring {

    private final SessionParts parts;

    InDoubtWiring(SessionParts parts) {
        this.parts = parts;
    }

    InDoubtScanner scanner() {
        PreparedXactsProbe probe = new PreparedXactsProbe();
        return new InDoubtScanner(parts.monitor().feed()::latest, parts.monitor()::open,
                (c, node) -> probe.read(node, c),
                Clock.systemUTC());
    }

    List<AdvisedTransaction> analysis(InDoubtScan scan) {
        return InDoubtAnalysis.analyse(scan, parts.workspace().indoubtOrDefaults(), decisionLookup());
    }

    InDoubtOperations operations() {
        return new InDoubtOperations(parts.guard(), new BranchResolver(parts.io()), (host, port, database, user) ->
                parts.monitor().openAs(sourceOf(host, port), host, port, database, user),
                parts.monitor().feed()::latest, parts.registry());
    }

    /** The workspace's decision record query, on the primary of its source, or null when none is configured. */
    private DecisionLookup decisionLookup() {
        IndoubtConfig.DecisionConfig d = parts.workspace().indoubtOrDefaults().decision();
        if (d == null) {
            return null;
        }
        SourceConfig source = parts.workspace().sources().stream().filter(s -> s.name().equals(d.source())).findFirst()
                .orElseThrow();
        PostgresConfig pg = source.postgres() == null ? new PostgresConfig(null, null, null, null) : source.postgres();
        String database = d.database() == null || d.database().isBlank() ? pg.database() : d.database();
        return QueryDecisionLookup.of(d, d.source() + "/" + database, () -> {
            Member primary = parts.monitor().feed().latest().clusters().stream()
                    .filter(c -> c.source().equals(d.source())).flatMap(c -> c.leaderMember().stream()).findFirst()
                    .orElseThrow(() -> new SQLException("source " + d.source() + " has no primary now", "08001"));
            return parts.monitor().openAs(d.source(), primary.host(), primary.port(), database, pg.user());
        }, Duration.ofSeconds(5));
    }

    private String sourceOf(String host, int port) throws SQLException {
        return new WorkspaceShardNodes(parts.workspace(), parts.monitor()).sourceAt(host, port)
                .orElseThrow(() -> new SQLException("no cluster has a member at " + host + ":" + port, "08001"));
    }
}
