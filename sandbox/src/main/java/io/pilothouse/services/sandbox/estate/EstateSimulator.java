package io.pilothouse.services.sandbox.estate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes an estate of Patroni-shaped clusters into a real etcd and keeps changing it: lag waves, switchovers, leaders
 * lost and failed over a few seconds later, replicas lost and back. Each leader key carries a lease of its own
 * (TTL 30 s, renewed every 10 s, as Patroni's etcd3 client does), so a stopped simulation leaves no leader behind.
 */
public final class EstateSimulator implements AutoCloseable {

    /** Told of every change once etcd has acknowledged it. */
    public interface ChangeListener {
        /**
         * @param scope      the cluster changed
         * @param kind       what happened ({@code lag}, {@code leader}, {@code leader-lost}, {@code member})
         * @param leader     the cluster's leader after the change, or null when it has none
         * @param startNanos {@link System#nanoTime()} just before the write was sent
         */
        void changed(String scope, String kind, String leader, long startNanos);
    }

    private static final Logger LOG = LoggerFactory.getLogger(EstateSimulator.class);
    private static final long LEASE_TTL = 30;
    private static final long KEEPALIVE_SECONDS = 10;
    private static final long FAILOVER_AFTER_NANOS = TimeUnit.SECONDS.toNanos(4);

    private final EstatePlan plan;
    private final EtcdGateway etcd;
    private final Random random;
    private final List<SimulatedCluster> clusters = new ArrayList<>();
    /** Leaderless clusters and when their failover is due. */
    private final Map<SimulatedCluster, Long> failoverDue = new HashMap<>();
    private final AtomicLong changes = new AtomicLong();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "estate-simulator");
        t.setDaemon(true);
        return t;
    });
    private volatile ChangeListener listener = (scope, kind, leader, start) -> { };
    private volatile java.util.concurrent.ScheduledFuture<?> changing;

    public EstateSimulator(EstatePlan plan) {
        this.plan = plan;
        this.etcd = new EtcdGateway(plan.etcdUrl());
        this.random = new Random(plan.seed());
        for (int i = 0; i < plan.clusters(); i++) {
            clusters.add(new SimulatedCluster(plan.namespace(), plan.scope(i), i, plan.members()));
        }
    }

    /** Sets who hears of each change (the bench measures from here). */
    public void onChange(ChangeListener l) {
        listener = l;
    }

    /** Writes every cluster's keys (replacing what an earlier run left), then starts changing them. */
    public void start() {
        etcd.deletePrefix(plan.keyPrefix());
        List<EtcdGateway.Write> all = new ArrayList<>();
        for (SimulatedCluster c : clusters) {
            c.lease(etcd.grantLease(LEASE_TTL));
            all.addAll(c.bootstrap());
        }
        etcd.apply(all);
        LOG.info("estate: {} clusters of {} members written under {}", clusters.size(), plan.members(),
                plan.keyPrefix());
        scheduler.scheduleWithFixedDelay(this::keepAlive, KEEPALIVE_SECONDS, KEEPALIVE_SECONDS, TimeUnit.SECONDS);
        if (plan.rate() > 0) {
            startChanges(plan.rate());
        }
    }

    /** Starts (or restarts at another pace) changing keys, {@code rate} changes per second. */
    public void startChanges(double rate) {
        stopChanges();
        long period = Math.max(1, Math.round(1_000_000.0 / rate));
        changing = scheduler.scheduleAtFixedRate(this::change, period, period, TimeUnit.MICROSECONDS);
    }

    /** Stops changing keys, but keeps the leases alive: an idle estate. */
    public void stopChanges() {
        java.util.concurrent.ScheduledFuture<?> f = changing;
        if (f != null) {
            f.cancel(false);
        }
    }

    /** Changes written so far. */
    public long changes() {
        return changes.get();
    }

    private void change() {
        try {
            long now = System.nanoTime();
            SimulatedCluster due = failoverDue.entrySet().stream().filter(e -> e.getValue() <= now)
                    .map(Map.Entry::getKey).findFirst().orElse(null);
            if (due != null) {
                failoverDue.remove(due);
                write(due, "leader", due.leaderChange(random));
                return;
            }
            SimulatedCluster c = clusters.get(random.nextInt(clusters.size()));
            int dice = random.nextInt(100);
            if (c.leaderless()) {
                write(c, "lag", List.of());
            } else if (dice < 55) {
                write(c, "lag", c.lagWave(random));
            } else if (dice < 70) {
                write(c, "leader", c.leaderChange(random));
            } else if (dice < 90) {
                write(c, "member", c.memberLostOrBack(random));
            } else {
                failoverDue.put(c, now + FAILOVER_AFTER_NANOS);
                write(c, "leader-lost", c.leaderLost());
            }
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: say why and carry on with the next change.
            LOG.warn("estate: a change failed: {}", e.getMessage());
        }
    }

    private void write(SimulatedCluster c, String kind, List<EtcdGateway.Write> writes) {
        if (writes.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        etcd.apply(writes);
        changes.incrementAndGet();
        listener.changed(c.scope(), kind, c.leader(), start);
    }

    private void keepAlive() {
        for (SimulatedCluster c : clusters) {
            try {
                etcd.keepAlive(c.lease());
            } catch (RuntimeException e) {
                LOG.warn("estate: renewing the lease of {} failed: {}", c.scope(), e.getMessage());
            }
        }
        LOG.info("estate: {} changes written so far", changes.get());
    }

    /** Stops changing; with {@code deleteKeys}, removes every simulated key too (the leases are revoked). */
    public void stop(boolean deleteKeys) {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (deleteKeys) {
            etcd.deletePrefix(plan.keyPrefix());
            clusters.forEach(c -> {
                try {
                    etcd.revoke(c.lease());
                } catch (RuntimeException e) {
                    // Already expired: nothing to revoke.
                }
            });
        }
    }

    @Override
    public void close() {
        stop(true);
    }
}
