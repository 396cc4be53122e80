package io.pilothouse.services.traffic;

import io.pilothouse.services.workspace.PostgresConfig;
import io.pilothouse.services.workspace.TrafficConfig;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One read of one source's traffic layer: the components in parallel, then a connection through every entry point,
 * each bounded by the component budget so one hanging component marks only itself unreachable.
 */
final class TrafficSourceReader {

    private final TrafficSettings settings;
    private final Clock clock;
    private final ExecutorService reads;
    private final HaproxyStatsReader haproxy;
    private final PgbouncerConsoleReader pgbouncer;
    private final PgpoolNodesReader pgpool;
    private final EntryPointVerifier verifier;

    TrafficSourceReader(SimpleQueryConnector connector, io.pilothouse.services.postgres.PasswordLookup passwords,
                        TrafficSettings settings, Clock clock, ExecutorService reads) {
        this.settings = settings;
        this.clock = clock;
        this.reads = reads;
        this.haproxy = new HaproxyStatsReader(settings, clock);
        this.pgbouncer = new PgbouncerConsoleReader(passwords, settings, clock);
        this.pgpool = new PgpoolNodesReader(connector, clock);
        this.verifier = new EntryPointVerifier(connector, clock);
    }

    TrafficReading read(String source, TrafficConfig traffic, PostgresConfig postgres, String writeEndpoint,
                        MemberIndex members, Set<String> writeDatabases) {
        CompletableFuture<HaproxyStatus> h = traffic.haproxy() == null ? null
                : async(() -> haproxy.read(traffic.haproxy().stats(), members));
        CompletableFuture<PgbouncerStatus> b = traffic.pgbouncer() == null ? null
                : async(() -> pgbouncer.read(traffic.pgbouncer().address(), traffic.pgbouncer().user(), postgres,
                members));
        CompletableFuture<PgpoolStatus> p = traffic.pgpool() == null ? null
                : async(() -> pgpool.read(traffic.pgpool().address(), traffic.pgpool().pcpPort(), postgres, members));
        CompletableFuture<Verification> write = writeEndpoint == null ? null
                : async(() -> verifier.verify(writeEndpoint, postgres, members));
        CompletableFuture<Verification> pool = traffic.pgpool() == null ? null
                : async(() -> verifier.verify(traffic.pgpool().address(), postgres, members));
        CompletableFuture<Verification> leader = members.leaderAddress() == null ? null
                : async(() -> verifier.verify(members.leaderAddress(), postgres, members));

        HaproxyStatus haproxyStatus = h == null ? null : await(h, e -> new HaproxyStatus(traffic.haproxy().stats(),
                ComponentStatus.unreachable(e, clock.instant(), budgetMillis()), List.of()));
        PgbouncerStatus bouncerStatus = b == null ? null : await(b, e -> new PgbouncerStatus(
                traffic.pgbouncer().address(), traffic.pgbouncer().user(), ComponentStatus.unreachable(e,
                clock.instant(), budgetMillis()), List.of(), List.of(), List.of()));
        Map<String, CompletableFuture<Verification>> bouncerChecks = new LinkedHashMap<>();
        if (bouncerStatus != null) {
            for (PgbouncerDatabase db : bouncerStatus.databases()) {
                if (db.target() != null && (db.target().equals(writeEndpoint)
                        || db.target().equals(members.leaderAddress()))) {
                    writeDatabases.add(db.name());
                }
                PostgresConfig through = new PostgresConfig(postgres.user(), db.name(), postgres.passfile(),
                        postgres.sslmode());
                bouncerChecks.put(db.name(), async(() -> verifier.verify(traffic.pgbouncer().address(), through,
                        members)));
            }
        }
        PgpoolStatus pgpoolStatus = p == null ? null : await(p, e -> new PgpoolStatus(traffic.pgpool().address(),
                traffic.pgpool().pcpPort(), ComponentStatus.unreachable(e, clock.instant(), budgetMillis()),
                List.of()));
        Map<String, Verification> checks = new LinkedHashMap<>();
        bouncerChecks.forEach((db, f) -> checks.put(db, await(f, this::failedCheck)));
        Verification leaderCheck = leader == null ? null : await(leader, this::failedCheck);
        return new TrafficReading(source, members, writeEndpoint, haproxyStatus, bouncerStatus, pgpoolStatus,
                write == null ? null : await(write, this::failedCheck), checks,
                pool == null ? null : await(pool, this::failedCheck),
                leaderCheck == null ? null : leaderCheck.systemIdentifier(), Set.copyOf(writeDatabases));
    }

    private Verification failedCheck(String error) {
        return new Verification(null, null, null, null, error, clock.instant());
    }

    private <T> CompletableFuture<T> async(Supplier<T> task) {
        return CompletableFuture.supplyAsync(task, reads);
    }

    private <T> T await(CompletableFuture<T> future, Function<String, T> onTimeout) {
        try {
            return future.get(settings.componentBudget().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return onTimeout.apply("no answer within " + settings.componentBudget().toSeconds()
                    + " s (it hangs or is overloaded)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return onTimeout.apply("read interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            return onTimeout.apply(TrafficErrors.firstLine(String.valueOf(e.getCause())));
        }
    }

    private long budgetMillis() {
        return settings.componentBudget().toMillis();
    }
}
