package io.pilothouse.bench;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.pilothouse.app.fx.FxToolkit;
import io.pilothouse.services.credentials.CredentialResolver;
import io.pilothouse.services.credentials.PasswordPrompt;
import io.pilothouse.services.credentials.PgPassLookup;
import io.pilothouse.services.live.EstateMonitor;
import io.pilothouse.services.live.LiveExecutors;
import io.pilothouse.services.live.LiveSettings;
import io.pilothouse.services.model.ClusterEventType;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.EstateSnapshot;
import io.pilothouse.services.patroni.PatroniJson;
import io.pilothouse.services.postgres.PasswordLookup;
import io.pilothouse.services.sandbox.SandboxInfo;
import io.pilothouse.services.sandbox.SandboxLauncher;
import io.pilothouse.services.sandbox.SandboxSpec;
import io.pilothouse.services.workspace.Workspace;
import io.pilothouse.services.workspace.WorkspaceLoader;
import io.pilothouse.views.main.MainView;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static io.pilothouse.bench.BenchArgs.intArg;

/**
 * Topology freshness: time from an etcd leader-key change to the model's event and to the UI pulse that shows it.
 * Part 1 flips the leader key of a scratch scope (no Patroni behind it) N times; part 2 runs real Patroni
 * switchovers and, side by side in the same run, measures when a 1-second REST poller (what polling consoles do)
 * first sees the new leader. Prints figures and ratios; never fails on a time.
 *
 * <p>Run: {@code mvn -Pbench -pl bench -am -DskipTests verify} (add {@code -Dbench.args="--flips 200
 * --switchovers 5"} to change the counts). Needs the sandbox packages installed.
 */
public final class TopologyFreshnessBench {

    private static final String SCRATCH = "bench-scratch";

    private final Map<String, Long> eventAt = new ConcurrentHashMap<>();
    private final Map<String, Long> frameAt = new ConcurrentHashMap<>();
    private final Map<String, Long> pollAt = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        int flips = intArg(args, "--flips", 200);
        int switchovers = intArg(args, "--switchovers", 5);
        new TopologyFreshnessBench().run(flips, switchovers);
        System.exit(0);
    }

    private void run(int flips, int switchovers) throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "pilothouse-bench-");
        dir.toFile().setExecutable(true, false);
        dir.toFile().setReadable(true, false);
        SandboxLauncher launcher = new SandboxLauncher();
        // An interrupted run (Ctrl-C) must not leave PostgreSQL, Patroni and etcd behind.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> launcher.destroy(dir), "bench-sandbox-cleanup"));
        System.out.println("starting a 3-member sandbox in " + dir + " ...");
        long t0 = System.nanoTime();
        SandboxInfo sandbox = launcher.up(SandboxSpec.defaults(dir), line -> { });
        System.out.printf("sandbox up in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        try (Client etcd = Client.builder().endpoints(sandbox.etcdUrl()).build();
             LiveExecutors executors = LiveExecutors.create()) {
            writeScratchCluster(etcd, sandbox.namespace());
            Workspace ws = new WorkspaceLoader().load(sandbox.workspaceFile());
            String source = ws.sources().get(0).name();
            EstateMonitor monitor = new EstateMonitor(ws, executors, LiveSettings.DEFAULTS,
                    PasswordLookup.through(new CredentialResolver(List.of(PgPassLookup.current()),
                            PasswordPrompt.NON_INTERACTIVE)), Clock.systemUTC());
            monitor.onEvent(e -> {
                if (e.type() == ClusterEventType.LEADER_CHANGED || e.type() == ClusterEventType.LEADER_ELECTED) {
                    eventAt.putIfAbsent(e.scope() + "/" + e.to() + "#" + generation, System.nanoTime());
                }
            });
            monitor.start();
            monitor.awaitSettled(Duration.ofSeconds(30));
            MainView view = showHeadless(monitor, source);

            List<Double> keyToEvent = new ArrayList<>();
            List<Double> keyToFrame = new ArrayList<>();
            ByteSequence leaderKey = bytes(sandbox.namespace() + SCRATCH + "/leader");
            String current = "a";
            for (int i = 0; i < flips; i++) {
                String next = current.equals("a") ? "b" : "a";
                generation++;
                String key = SCRATCH + "/" + next + "#" + generation;
                expectFrame(SCRATCH, next);
                long put = System.nanoTime();
                etcd.getKVClient().put(leaderKey, bytes(next)).get(5, TimeUnit.SECONDS);
                Long ev = waitFor(eventAt, key, 5000);
                Long fr = waitFor(frameAt, key, 5000);
                if (ev != null) {
                    keyToEvent.add((ev - put) / 1e6);
                }
                if (fr != null) {
                    keyToFrame.add((fr - put) / 1e6);
                }
                current = next;
                Thread.sleep(15);
            }
            System.out.println();
            System.out.println("scratch scope, " + flips + " leader-key flips:");
            Percentiles e1 = new Percentiles(keyToEvent);
            Percentiles f1 = new Percentiles(keyToFrame);
            System.out.println("  key change -> model event : " + e1.describe());
            System.out.println("  key change -> UI pulse    : " + f1.describe());

            realSwitchovers(sandbox, etcd, switchovers, source, view);
            System.out.println();
            System.out.printf("goal: p95 <= 100 ms to the frame; scratch p95 to frame = %.1f ms (%s)%n", f1.p(0.95),
                    f1.p(0.95) <= 100 ? "met" : "NOT met");
            monitor.close();
        } finally {
            System.out.println("stopping the sandbox: clean=" + launcher.destroy(dir).clean());
        }
    }

    private volatile long generation;
    private volatile String expectScope;
    private volatile String expectLeader;

    private void expectFrame(String scope, String leader) {
        expectScope = scope;
        expectLeader = leader;
    }

    private MainView showHeadless(EstateMonitor monitor, String source) throws Exception {
        FxToolkit.startHeadless();
        return FxToolkit.call(() -> {
            MainView view = MainView.builder(monitor.feed()).build();
            view.selectCluster(source, SCRATCH);
            Stage stage = new Stage();
            stage.setScene(new Scene(view.root(), 1400, 900));
            stage.show();
            // The view model applies the latest snapshot during a pulse; this listener runs in that same pulse.
            view.viewModel().estateProperty().addListener((obs, old, estate) -> onApplied(estate));
            return view;
        }, 30);
    }

    private void onApplied(EstateSnapshot estate) {
        String scope = expectScope;
        String leader = expectLeader;
        if (scope == null) {
            return;
        }
        for (ClusterSnapshot c : estate.clusters()) {
            if (c.scope().equals(scope) && leader.equals(c.leader())) {
                frameAt.putIfAbsent(scope + "/" + leader + "#" + generation, System.nanoTime());
            }
        }
    }

    private void realSwitchovers(SandboxInfo sandbox, Client etcd, int count, String source, MainView view)
            throws Exception {
        FxToolkit.call(() -> {
            view.selectCluster(source, sandbox.scope());
            return null;
        }, 10);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Map<String, Long> keyChangedAt = new ConcurrentHashMap<>();
        ByteSequence leaderKey = bytes(sandbox.namespace() + sandbox.scope() + "/leader");
        Watch.Watcher raw = etcd.getWatchClient().watch(leaderKey, WatchOption.builder().build(), resp -> {
            for (WatchEvent ev : resp.getEvents()) {
                if (ev.getEventType() == WatchEvent.EventType.PUT) {
                    keyChangedAt.putIfAbsent(ev.getKeyValue().getValue().toString(StandardCharsets.UTF_8) + "#"
                            + generation, System.nanoTime());
                }
            }
        });
        List<Double> toEvent = new ArrayList<>();
        List<Double> toFrame = new ArrayList<>();
        List<Double> toPoll = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                String leader = currentLeader(http, sandbox);
                String candidate = sandbox.members().stream().map(SandboxInfo.Member::name)
                        .filter(n -> !n.equals(leader)).toList().get(i % (sandbox.members().size() - 1));
                generation++;
                String key = sandbox.scope() + "/" + candidate + "#" + generation;
                expectFrame(sandbox.scope(), candidate);
                RestPoller poller = new RestPoller(http, sandbox.restUrls(), candidate, pollAt, key);
                poller.start();
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(
                                sandbox.requireMember(leader).restUrl() + "/switchover"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"leader\":\"" + leader + "\",\"candidate\":\""
                                + candidate + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
                System.out.println("  switchover " + leader + " -> " + candidate + ": HTTP " + r.statusCode() + " "
                        + r.body().strip());
                Long changed = waitFor(keyChangedAt, candidate + "#" + generation, 60_000);
                Long ev = waitFor(eventAt, key, 60_000);
                Long fr = waitFor(frameAt, key, 60_000);
                Long polled = waitFor(pollAt, key, 60_000);
                poller.stop();
                if (changed != null && ev != null && fr != null && polled != null) {
                    toEvent.add((ev - changed) / 1e6);
                    toFrame.add((fr - changed) / 1e6);
                    toPoll.add((polled - changed) / 1e6);
                }
                waitHealthy(http, sandbox, candidate);
            }
        } finally {
            raw.close();
        }
        Percentiles e = new Percentiles(toEvent);
        Percentiles f = new Percentiles(toFrame);
        Percentiles p = new Percentiles(toPoll);
        System.out.println();
        System.out.println("real switchovers (time from the leader key's change, seen by a raw watch):");
        System.out.println("  -> Pilothouse model event       : " + e.describe());
        System.out.println("  -> Pilothouse UI pulse          : " + f.describe());
        System.out.println("  -> 1 s REST poller (side by side): " + p.describe());
        System.out.printf("  ratio poller / Pilothouse frame, p50: %.1fx, p95: %.1fx%n", p.p(0.5) / f.p(0.5),
                p.p(0.95) / f.p(0.95));
    }

    private static String currentLeader(HttpClient http, SandboxInfo sandbox) throws Exception {
        for (String url : sandbox.restUrls()) {
            try {
                String body = http.send(HttpRequest.newBuilder(URI.create(url + "/cluster")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                return PatroniJson.parseCluster(body).leader().orElseThrow().name();
            } catch (Exception e) {
                // try the next member
            }
        }
        throw new IllegalStateException("no member reports a leader");
    }

    private static void waitHealthy(HttpClient http, SandboxInfo sandbox, String leader) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            try {
                String body = http.send(HttpRequest.newBuilder(URI.create(
                        sandbox.requireMember(leader).restUrl() + "/patroni")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                if (PatroniJson.parseNode(body).replication().stream()
                        .filter(r -> "streaming".equals(r.state())).count() == sandbox.members().size() - 1) {
                    return;
                }
            } catch (Exception e) {
                // not yet
            }
            Thread.sleep(200);
        }
    }

    private static void writeScratchCluster(Client etcd, String namespace) throws Exception {
        String base = namespace + SCRATCH + "/";
        put(etcd, base + "config", "{\"ttl\":30,\"loop_wait\":10}");
        for (String m : List.of("a", "b")) {
            // Unroutable member endpoints: the scratch scope has no Patroni or PostgreSQL behind it.
            put(etcd, base + "members/" + m, "{\"conn_url\":\"postgres://127.0.0.1:1/postgres\",\"api_url\":"
                    + "\"http://127.0.0.1:1/patroni\",\"state\":\"running\",\"role\":\"replica\",\"timeline\":1}");
        }
        put(etcd, base + "leader", "a");
    }

    private static void put(Client etcd, String key, String value) throws Exception {
        etcd.getKVClient().put(bytes(key), bytes(value)).get(5, TimeUnit.SECONDS);
    }

    private static Long waitFor(Map<String, Long> map, String key, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (System.nanoTime() < deadline) {
            Long v = map.get(key);
            if (v != null) {
                return v;
            }
            Thread.sleep(1);
        }
        return null;
    }

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

}
