package io.pilothouse.services.live;

import io.pilothouse.services.patroni.PatroniRestClient;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Finds the scope of the cluster behind a list of Patroni REST URLs ({@code GET /patroni} names it), retrying until
 * a member answers. This is how a source without etcd, or with etcd down at start, gets its cluster.
 */
final class PatroniSeedDiscovery implements AutoCloseable {

    private final List<String> seeds;
    private final PatroniRestClient rest;
    private final LiveExecutors executors;
    private final LiveSettings settings;
    private final Consumer<String> found;
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private ScheduledFuture<?> tick;
    /** Why the last probe of a seed failed (a refused connection, a certificate), or null. */
    private volatile String lastFailure;

    /** Why the last probe of a seed failed, or null when none failed. */
    String lastFailure() {
        return lastFailure;
    }

    PatroniSeedDiscovery(List<String> seeds, PatroniRestClient rest, LiveExecutors executors, LiveSettings settings,
                         Consumer<String> found) {
        this.seeds = List.copyOf(seeds);
        this.rest = rest;
        this.executors = executors;
        this.settings = settings;
        this.found = found;
    }

    void start() {
        tick = executors.scheduler().scheduleWithFixedDelay(this::probe, 0,
                settings.restInterval().toMillis() * 2, TimeUnit.MILLISECONDS);
    }

    private void probe() {
        for (String seed : seeds) {
            rest.node(seed).thenAccept(status -> {
                if (status.scope() != null && known.add(status.scope())) {
                    found.accept(status.scope());
                }
            }).exceptionally(error -> {
                Throwable t = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                lastFailure = t.getMessage();
                return null;
            });
        }
        if (!known.isEmpty() && tick != null) {
            // Found: the cluster monitor polls from here on, with these URLs as seeds.
            tick.cancel(false);
        }
    }

    @Override
    public void close() {
        if (tick != null) {
            tick.cancel(false);
        }
    }
}
