package io.pilothouse.services.live;

import io.pilothouse.services.credentials.CredentialResolver;
import io.pilothouse.services.credentials.PasswordPrompt;
import io.pilothouse.services.credentials.PgPassLookup;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Freshness;
import io.pilothouse.services.postgres.PasswordLookup;
import io.pilothouse.services.testing.Await;
import io.pilothouse.services.workspace.Workspace;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * A live model of a workspace for sandbox tests: {@link LiveExecutors} plus an {@link EstateMonitor} that finds
 * passwords in pgpass only (never prompts), started and settled. {@link #close()} closes both.
 *
 * <pre>{@code
 * live = LiveModel.on(own.workspace());
 * ClusterSnapshot c = live.awaitHealthy(own.info().scope(), own.info().members().size(), Duration.ofSeconds(90));
 * }</pre>
 */
public final class LiveModel implements AutoCloseable {

    /** How long {@link #on} waits for the first full picture. */
    public static final Duration SETTLE = Duration.ofSeconds(30);

    private final Workspace workspace;
    private final LiveExecutors executors;
    private final EstateMonitor monitor;

    private LiveModel(Workspace workspace, LiveExecutors executors, EstateMonitor monitor) {
        this.workspace = workspace;
        this.executors = executors;
        this.monitor = monitor;
    }

    /** The pgpass-only, non-interactive credential chain the model uses. */
    public static CredentialResolver pgpassResolver() {
        return new CredentialResolver(List.of(PgPassLookup.current()), PasswordPrompt.NON_INTERACTIVE);
    }

    /** Starts a model of {@code workspace} and waits until it has settled. */
    public static LiveModel on(Workspace workspace) {
        return on(workspace, m -> { });
    }

    /**
     * Like {@link #on(Workspace)}, calling {@code beforeStart} with the monitor first, to register
     * {@link EstateMonitor#onEvent} listeners that must see every event from the start.
     *
     * @throws IllegalStateException if the model has not settled within {@link #SETTLE} (everything is closed)
     */
    public static LiveModel on(Workspace workspace, Consumer<EstateMonitor> beforeStart) {
        LiveExecutors executors = LiveExecutors.create();
        EstateMonitor monitor = new EstateMonitor(workspace, executors, LiveSettings.DEFAULTS,
                PasswordLookup.through(pgpassResolver()), Clock.systemUTC());
        LiveModel model = new LiveModel(workspace, executors, monitor);
        try {
            beforeStart.accept(monitor);
            monitor.start();
            if (!monitor.awaitSettled(SETTLE)) {
                throw new IllegalStateException("The live model of workspace '" + workspace.name()
                        + "' did not settle within " + SETTLE.toSeconds() + " s");
            }
            return model;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            model.close();
            throw new IllegalStateException("Interrupted while the live model settled", e);
        } catch (RuntimeException | Error e) {
            model.close();
            throw e;
        }
    }

    public EstateMonitor monitor() {
        return monitor;
    }

    public LiveExecutors executors() {
        return executors;
    }

    public Workspace workspace() {
        return workspace;
    }

    /** The latest snapshot of one cluster, or null if the model has none. */
    public ClusterSnapshot cluster(String source, String scope) {
        return monitor.feed().latest().cluster(source, scope).orElse(null);
    }

    /** {@link #cluster(String, String)} of the workspace's first source. */
    public ClusterSnapshot cluster(String scope) {
        return cluster(workspace.sources().get(0).name(), scope);
    }

    /**
     * Waits until the first source's cluster {@code scope} is healthy and returns that snapshot. Healthy: a
     * leader; {@code members} members; every member {@link Freshness#LIVE} with a healthy state; every other
     * member streaming on the leader's timeline.
     *
     * @throws AssertionError if it is not healthy within {@code timeout}
     */
    public ClusterSnapshot awaitHealthy(String scope, int members, Duration timeout) {
        return awaitHealthy(scope, members, timeout, "cluster '" + scope + "' healthy with " + members + " members");
    }

    /** {@link #awaitHealthy(String, int, Duration)}, naming what is awaited as {@code what} in a timeout. */
    public ClusterSnapshot awaitHealthy(String scope, int members, Duration timeout, String what) {
        return Await.until(timeout, what, () -> cluster(scope), c -> isHealthy(c, members));
    }

    /** The condition {@link #awaitHealthy} waits for. */
    public static boolean isHealthy(ClusterSnapshot c, int members) {
        return c != null && c.leader() != null && c.members().size() == members
                && c.members().stream().allMatch(m -> m.freshness() == Freshness.LIVE && m.state().isHealthy())
                && c.members().stream().filter(m -> !m.name().equals(c.leader()))
                        .allMatch(m -> "streaming".equals(m.replicationState())
                                && c.timeline() != null && c.timeline().equals(m.timeline()));
    }

    @Override
    public void close() {
        monitor.close();
        executors.close();
    }
}
