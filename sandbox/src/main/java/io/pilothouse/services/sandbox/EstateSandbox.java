package io.pilothouse.services.sandbox;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilothouse.services.sandbox.estate.EstatePlan;
import io.pilothouse.services.sandbox.estate.EstateSimulatorMain;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code sandbox estate}: a simulated estate of Patroni-shaped clusters in a sandbox's real etcd, kept changing by a
 * detached simulator process ({@link EstateSimulatorMain}) until {@code sandbox down}. Reuses the etcd of a sandbox
 * already in the directory; in an empty directory it starts an etcd of its own and writes a workspace for it.
 */
public final class EstateSandbox {

    /** The estate process as {@code DIR/estate.json} records it. */
    public record EstateInfo(long pid, int clusters, int members, double rate, String namespace, String etcdUrl,
                             String startedAt, boolean ownEtcd) {
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Duration READY = Duration.ofSeconds(90);
    static final String STATE_FILE = "estate.json";
    static final String READY_FILE = "estate.ready";

    private final SandboxUser user = SandboxUser.detect();

    /**
     * Starts the simulation and returns once every cluster's keys are in etcd.
     *
     * @param withSandbox require a sandbox in {@code dir} (refuse to start an etcd of its own)
     */
    public EstateInfo start(Path dir, int clusters, int members, double rate, long seed, boolean withSandbox,
                            Consumer<String> progress) {
        SandboxLayout layout = SandboxDirectory.locate(dir);
        Path located = layout.dir();
        Optional<EstateInfo> running = read(layout).filter(e -> ProcessTable.belongsTo(e.pid(), located));
        if (running.isPresent()) {
            throw new SandboxException("An estate simulation already runs in " + layout.dir() + " (pid "
                    + running.get().pid() + "); stop it with: pilothouse sandbox down --dir " + layout.dir());
        }
        Optional<SandboxInfo> existing = SandboxState.read(layout);
        boolean ownEtcd = existing.isEmpty();
        SandboxInfo info;
        if (existing.isPresent()) {
            info = existing.get();
            requireUsable(info);
            progress.accept("Using the sandbox's etcd at " + info.etcdUrl() + " (namespace " + info.namespace() + ")");
        } else if (withSandbox) {
            throw new SandboxException("No sandbox in " + layout.dir() + "; start one with: pilothouse sandbox up --dir "
                    + layout.dir() + ", or leave out --with-sandbox to start an etcd of its own");
        } else {
            info = startOwnEtcd(dir, progress);
            layout = SandboxDirectory.locate(info.dir());
        }
        EstatePlan plan = new EstatePlan(info.etcdUrl(), info.namespace(), clusters, members, rate, seed);
        progress.accept("Writing " + clusters + " clusters of " + members + " members under " + plan.keyPrefix()
                + ", then " + rate + " changes/s");
        long pid = spawn(layout, plan);
        EstateInfo estate = new EstateInfo(pid, clusters, members, rate, info.namespace(), info.etcdUrl(),
                Instant.now().toString(), ownEtcd);
        write(layout, estate);
        awaitReady(layout, pid);
        return estate;
    }

    private static void requireUsable(SandboxInfo info) {
        if (info.plain()) {
            throw new SandboxException("The sandbox in " + info.dir() + " is plain (no etcd); start the estate in a "
                    + "new directory instead");
        }
        if (info.tlsCaFile().isPresent()) {
            throw new SandboxException("The sandbox in " + info.dir() + " uses TLS and etcd auth, which the estate "
                    + "simulator does not speak; use a sandbox without --tls, or a new directory");
        }
        if (!ProcessTable.belongsTo(info.etcdPid(), info.dir())) {
            throw new SandboxException("The etcd of the sandbox in " + info.dir() + " is not running; start the "
                    + "sandbox again, or use a new directory");
        }
    }

    /**
     * Starts an etcd alone in the new or empty directory {@code dir} and writes its workspace, for a simulator run in
     * the caller's process (the bench); {@code sandbox down} stops it.
     */
    public SandboxInfo startEtcdAlone(Path dir, Consumer<String> progress) {
        return startOwnEtcd(dir, progress);
    }

    /** An etcd alone in a fresh directory, recorded in {@code sandbox.json} so {@code status} and {@code down} see it. */
    private SandboxInfo startOwnEtcd(Path dir, Consumer<String> progress) {
        SandboxSpec spec = SandboxSpec.defaults(dir).withScope("estate");
        SandboxLayout layout = SandboxDirectory.prepare(spec, user);
        PrivateFiles.directory(layout.logs(), PrivateFiles.SHARED_DIR);
        user.own(layout.logs());
        List<Integer> ports = new PortAllocator(new SecureRandom()).allocate(2);
        SandboxPlan plan = new SandboxPlan(spec, layout, ports.get(0), ports.get(1), List.of(), null, List.of(),
                Map.of(), null);
        EtcdConfigWriter.write(plan);
        progress.accept("Starting etcd on " + plan.etcdUrl() + " as user " + user.name());
        Process etcd = new SandboxProcesses(Binaries.debian(), new ProcessRunner(user)).startEtcd(layout);
        SandboxInfo info = new SandboxInfo(layout.dir(), "estate", spec.namespace(), plan.etcdUrl(), etcd.pid(),
                List.of(), null, null, null, null, null, layout.workspaceFile(), user.name(), Instant.now().toString());
        SandboxState.write(layout, info);
        LaunchedProcesses watched = new LaunchedProcesses();
        watched.add("etcd", ProcessKind.ETCD, etcd, layout.etcdLog());
        try {
            new ReadinessProbe().awaitEtcd(plan.etcdUrl(), Deadline.in(Duration.ofSeconds(30)), watched);
        } catch (RuntimeException e) {
            throw SandboxTeardown.afterFailedStart(layout, e, progress);
        }
        PrivateFiles.write(layout.workspaceFile(), workspace(info), PrivateFiles.WORLD_READABLE);
        return info;
    }

    /** A workspace with the etcd source only: the simulated members have no REST API or PostgreSQL to log into. */
    static String workspace(SandboxInfo info) {
        Map<String, Object> etcd = new LinkedHashMap<>();
        etcd.put("endpoints", List.of(info.etcdUrl()));
        etcd.put("namespace", info.namespace());
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("name", "estate");
        source.put("etcd", etcd);
        Map<String, Object> workspace = new LinkedHashMap<>();
        workspace.put("name", "sandbox-estate");
        workspace.put("readOnly", true);
        workspace.put("sources", List.of(source));
        return "# Pilothouse workspace for the simulated estate in " + info.dir().toString().replace('\n', ' ')
                + " (written by sandbox estate)\n" + SandboxYaml.render(workspace);
    }

    private long spawn(SandboxLayout layout, EstatePlan plan) {
        try {
            Files.deleteIfExists(layout.dir().resolve(READY_FILE));
        } catch (IOException e) {
            throw new SandboxException("Cannot remove " + layout.dir().resolve(READY_FILE) + ": " + e.getMessage(), e);
        }
        List<String> command = new ArrayList<>(List.of("setsid",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx192m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                EstateSimulatorMain.class.getName(),
                "--dir", layout.dir().toString(), "--etcd", plan.etcdUrl(), "--namespace", plan.namespace(),
                "--clusters", Integer.toString(plan.clusters()), "--members", Integer.toString(plan.members()),
                "--rate", Double.toString(plan.rate()), "--seed", Long.toString(plan.seed())));
        // As the invoking user, not the sandbox user: it only talks HTTP to etcd, and needs to read the app's jars.
        ProcessBuilder builder = new ProcessBuilder(command).directory(layout.dir().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(layout.logs().resolve("estate.log").toFile()));
        try {
            return builder.start().pid();
        } catch (IOException e) {
            throw new SandboxException("Cannot start the estate simulator: " + e.getMessage(), e);
        }
    }

    private static void awaitReady(SandboxLayout layout, long pid) {
        Deadline deadline = Deadline.in(READY);
        while (!Files.exists(layout.dir().resolve(READY_FILE))) {
            if (!ProcessTable.isRunning(pid)) {
                throw new SandboxException("The estate simulator stopped before writing its clusters; see "
                        + layout.logs().resolve("estate.log"));
            }
            if (deadline.passed()) {
                throw new SandboxException("The estate simulator did not write its clusters within "
                        + READY.toSeconds() + " s; see " + layout.logs().resolve("estate.log"));
            }
            ProcessTable.sleep(Duration.ofMillis(200));
        }
    }

    static Optional<EstateInfo> read(SandboxLayout layout) {
        Path file = layout.dir().resolve(STATE_FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), EstateInfo.class));
        } catch (IOException e) {
            throw new SandboxException("Cannot read " + file + " (" + e.getMessage() + ")", e);
        }
    }

    private static void write(SandboxLayout layout, EstateInfo estate) {
        try {
            PrivateFiles.write(layout.dir().resolve(STATE_FILE), JSON.writeValueAsString(estate) + "\n",
                    PrivateFiles.WORLD_READABLE);
        } catch (IOException e) {
            throw new SandboxException("Cannot write " + STATE_FILE + ": " + e.getMessage(), e);
        }
    }

    /** The recorded estate simulation of the sandbox in {@code dir}, if one was started. */
    public static Optional<EstateInfo> of(Path dir) {
        return read(SandboxDirectory.locate(dir));
    }
}
