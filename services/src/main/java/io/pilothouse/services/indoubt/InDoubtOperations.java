package io.pilothouse.services.indoubt;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.EstateSnapshot;
import io.pilothouse.services.model.PreparedBranch;
import io.pilothouse.services.policy.MutationRefusedException;
import io.pilothouse.services.policy.MutationRequest;
import io.pilothouse.services.policy.OperationGuard;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import io.pilothouse.services.locks.OperationRegistry;
import io.pilothouse.services.locks.RunningOperation;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Resolves prepared branches: {@code COMMIT PREPARED} or {@code ROLLBACK PREPARED}, connected to the branch's
 * database as its owner (or a superuser the operator names), inside the operation guard (read-only refusal, audit
 * record with the branch's details and the statement's outcome, the cluster's operation lock). Never decides on its
 * own: the operator chooses commit or rollback for each branch.
 */
public final class InDoubtOperations {

    private final OperationGuard guard;
    private final BranchResolver resolver;
    private final BranchResolver.ConnectionFactory connections;
    private final Supplier<EstateSnapshot> estate;
    private final OperationRegistry registry;

    /** As the full constructor, without a registry of running operations (nothing is checked up front). */
    public InDoubtOperations(OperationGuard guard, BranchResolver resolver,
                             BranchResolver.ConnectionFactory connections, Supplier<EstateSnapshot> estate) {
        this(guard, resolver, connections, estate, null);
    }

    /**
     * @param connections opens a connection to (host, port, database) as a user; the statement timeout is raised to
     *                    30 s on it here, as a commit may wait for a synchronous standby
     */
    public InDoubtOperations(OperationGuard guard, BranchResolver resolver,
                             BranchResolver.ConnectionFactory connections, Supplier<EstateSnapshot> estate,
                             OperationRegistry registry) {
        this.registry = registry;
        this.guard = guard;
        this.resolver = resolver;
        this.connections = connections;
        this.estate = estate;
    }

    /**
     * Why resolving {@code branches} (the branches of one global transaction) must not start now, checked for all of
     * them before any is touched: a branch whose cluster is held by a running operation — this app's own (a move's
     * lock) or another operator's — would be refused after the others were resolved, leaving the transaction half
     * applied. Empty when every branch may be resolved.
     */
    public Optional<String> refusalForAll(List<PreparedBranch> branches) {
        if (registry == null) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        for (PreparedBranch b : branches) {
            List<RunningOperation> running = registry.runningOn(b.node().scope());
            if (!running.isEmpty()) {
                RunningOperation op = running.get(0);
                return Optional.of("Refused whole: " + op.describe(now) + " holds the operation lock of "
                        + b.node().scope() + ", where branch " + GidText.quoted(b.gid()) + " is, so that branch would "
                        + "be refused after the others were resolved. Nothing was resolved; wait until the "
                        + op.action() + " has finished (or cancel it), then resolve the whole transaction.");
            }
        }
        return Optional.empty();
    }

    /** True when resolving will be refused (read-only workspace). */
    public boolean isReadOnly() {
        return guard.isReadOnly();
    }

    /**
     * Commits or rolls back {@code branch} and checks that it is gone.
     *
     * @param asUser the role to connect as, or null for the branch's owner
     * @return what was done, in words
     * @throws io.pilothouse.services.policy.ReadOnlyWorkspaceException in a read-only workspace
     * @throws MutationRefusedException when another operator holds the cluster's lock, or the branch was already
     *                                  resolved (nothing done)
     * @throws ResolutionException      when the statement failed (not permitted, busy, not verified…)
     */
    public String resolve(PreparedBranch branch, boolean commit, String asUser) throws Exception {
        String user = asUser == null || asUser.isBlank() ? branch.owner() : asUser.trim();
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("gid", branch.gid());
        parameters.put("database", branch.database());
        parameters.put("owner", branch.owner());
        parameters.put("xid", Long.toString(branch.xid()));
        parameters.put("connectedAs", user);
        parameters.put("prepared", branch.prepared().toString());
        MutationRequest request = new MutationRequest(commit ? "commit-prepared" : "rollback-prepared",
                branch.node().source() + "/" + branch.node().scope(), branch.node().member(), parameters);
        ClusterSnapshot cluster = estate.get().cluster(branch.node().source(), branch.node().scope())
                .orElse(ClusterSnapshot.builder(branch.node().source(), branch.node().scope())
                        .observedAt(Instant.now()).build());
        return guard.run(request, cluster, trail -> {
            String verb = commit ? "COMMIT PREPARED" : "ROLLBACK PREPARED";
            try {
                java.util.Optional<OperationRegistry.Registration> running = registry == null
                        ? java.util.Optional.empty() : registry.current();
                running.ifPresent(r -> r.step(verb + " " + GidText.quoted(branch.gid()) + " on "
                        + branch.node().label()));
                resolver.resolve(branch, commit, this::openWithRoom, user,
                        what -> running.ifPresent(r -> r.waiting(what)));
            } catch (ResolutionException e) {
                trail.response(verb + " failed: " + e.getMessage());
                if (e.reason() == ResolutionException.Reason.ALREADY_RESOLVED
                        || e.reason() == ResolutionException.Reason.GID_REUSED) {
                    throw new MutationRefusedException(request, e.getMessage(), e);
                }
                throw e;
            }
            trail.response(verb + " on " + branch.node().label() + " database " + branch.database() + " as " + user
                    + " -> ok");
            trail.result("verified", "gone from pg_prepared_xacts");
            return (commit ? "committed" : "rolled back") + " branch " + GidText.quoted(branch.gid()) + " on "
                    + branch.node().label() + " (database " + branch.database() + ", as " + user
                    + "); it is gone from pg_prepared_xacts";
        });
    }

    private Connection openWithRoom(String host, int port, String database, String user) throws java.sql.SQLException {
        Connection c = connections.open(host, port, database, user);
        try (Statement s = c.createStatement()) {
            s.execute("SET statement_timeout = '30s'");
        } catch (java.sql.SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }
}
