package io.pilothouse.app.e2e;

import io.pilothouse.services.sandbox.SandboxConnections;
import io.pilothouse.services.sandbox.SandboxInfo;
import io.pilothouse.services.sandbox.SandboxRest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What the participants of the sandbox's 2PC workload hold, read as the superuser: the HA cluster by its scope (its
 * current leader) and each shard by name. For checking that resolving left the data as two-phase commit would have.
 */
final class Participants {

    private final SandboxInfo sandbox;

    Participants(SandboxInfo sandbox) {
        this.sandbox = sandbox;
    }

    /** The gids prepared on {@code node}, sorted. */
    List<String> prepared(String node) throws Exception {
        List<String> gids = new ArrayList<>();
        try (Connection c = superuser(node); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT gid FROM pg_prepared_xacts ORDER BY gid")) {
            while (rs.next()) {
                gids.add(rs.getString(1));
            }
        }
        return gids;
    }

    /** How many ledger rows of {@code globalId} are committed on {@code node}. */
    int ledgerRows(String node, String globalId) throws Exception {
        try (Connection c = superuser(node);
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM ledger WHERE global_id = ?")) {
            s.setString(1, globalId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private Connection superuser(String node) throws Exception {
        if (node.startsWith("shard")) {
            SandboxInfo.Shard s = sandbox.requireShard(node);
            return SandboxConnections.connect(sandbox, s.pgHost(), s.pgPort(), sandbox.superuser(), "postgres");
        }
        return SandboxConnections.connect(sandbox, SandboxRest.leader(sandbox).orElseThrow(), sandbox.superuser(),
                "postgres");
    }
}
