package io.pilothouse.app.e2e;

import io.pilothouse.services.sandbox.SandboxInfo;
import io.pilothouse.services.sandbox.SandboxRest;
import io.pilothouse.services.sandbox.SharedSandbox;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After a session on the shared sandbox as a user would run it — {@code snapshot --json}, {@code watch}, two audited
 * {@code config set}s (loop_wait up one and back), a {@code switchover --dry-run --json} and a {@code screenshot} —
 * every password the sandbox knows (its pgpass) is looked for in: the arguments of every process on the machine
 * (the app's own JVMs, the sandbox's PostgreSQL, Patroni, etcd), the app's environment, the sandbox's log files,
 * what each command printed (JSON included), the app's logs at DEBUG level, the audit records, the history store
 * and the screenshot's file. The failure names the role and every place it was found.
 */
@Tag("servers")
class SecretsNeverLeakSandboxTest {

    @TempDir
    Path dir;

    /** Every JVM this test started: ended in {@link #endChildren()} whatever happened. */
    private final List<Process> started = new ArrayList<>();

    @org.junit.jupiter.api.AfterEach
    void endChildren() throws InterruptedException {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** One app command in a JVM of its own, logging everything (DEBUG) to its stderr. */
    private record Child(List<String> command, Process process, Path out, Path err) {
    }

    private Child start(String name, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dorg.slf4j.simpleLogger.defaultLogLevel=debug",
                "-Dpilothouse.audit.log=" + dir.resolve("audit.jsonl"),
                "-Dpilothouse.history.dir=" + dir.resolve("history"),
                "-cp", System.getProperty("java.class.path"), "io.pilothouse.app.Main"));
        command.addAll(List.of(args));
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("HOME", Files.createDirectories(dir.resolve("home")).toString());
        Process process = pb.start();
        started.add(process);
        return new Child(command, process, out, err);
    }

    private int finish(Child child) throws InterruptedException {
        assertThat(child.process().waitFor(300, TimeUnit.SECONDS)).as(child.command() + " ends").isTrue();
        return child.process().exitValue();
    }

    @Test
    void noPasswordOfTheSandboxIsFoundAnywhereAfterASession() throws Exception {
        SandboxInfo sandbox = SharedSandbox.get();
        Map<String, String> secrets = passwords(sandbox.passfile());
        assertThat(secrets).as("the sandbox's pgpass has passwords").isNotEmpty();
        String ws = sandbox.workspaceFile().toString();
        Map<String, byte[]> places = new LinkedHashMap<>();

        // watch runs through the whole session, as a second window would.
        Child watch = start("watch", "watch", "--workspace", ws, "--json");
        // One command at a time beside the watch: on a loaded 2-core machine more JVMs at once only slow each other.
        Child snapshot = start("snapshot", "snapshot", "--workspace", ws, "--json");
        // Exit statuses are not the point here (a loaded machine may give a partial snapshot, exit 1): what was
        // printed and logged is.
        finish(snapshot);
        assertThat(Files.readString(snapshot.out())).as(Files.readString(snapshot.err())).contains("\"clusters\"");

        int loopWait = SandboxRest.get(sandbox.restUrls().get(0), "/config").map(c -> c.path("loop_wait").asInt(10))
                .orElse(10);
        for (int value : new int[] {loopWait + 1, loopWait}) {
            Child set = start("config-" + value, "config", "set", "--workspace", ws, "--cluster", sandbox.scope(),
                    "--yes", "--wait", "30", "loop_wait=" + value);
            finish(set);
            collect(places, set);
        }
        Child dryRun = start("switchover", "switchover", "--workspace", ws, "--cluster", sandbox.scope(),
                "--dry-run", "--json");
        finish(dryRun);
        assertThat(Files.readString(dryRun.out()) + Files.readString(dryRun.err())).as("the dry run said something")
                .isNotBlank();
        Path png = dir.resolve("topology.png");
        Child shot = start("screenshot", "screenshot", "--view", "topology", "--workspace", ws, "--out",
                png.toString(), "--size", "1200x800");
        finish(shot);
        assertThat(png).as(Files.readString(shot.err())).exists();

        // Every process on the machine now (the watch JVM and the sandbox's servers among them).
        assertThat(watch.process().isAlive()).as(Files.readString(watch.err())).isTrue();
        places.put("environment of the watch JVM (pid " + watch.process().pid() + ")",
                readProc(watch.process().pid(), "environ"));
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                byte[] cmdline = readProc(Long.parseLong(p.getFileName().toString()), "cmdline");
                places.put("arguments of process " + p.getFileName() + " ("
                        + new String(cmdline, StandardCharsets.ISO_8859_1).replace('\0', ' ').strip()
                        .replaceAll("^(.{0,120}).*", "$1") + ")", cmdline);
            }
        }
        watch.process().destroy();
        watch.process().waitFor(30, TimeUnit.SECONDS);
        assertThat(Files.readString(watch.out())).as("watch printed events").contains("{");

        for (Child c : List.of(watch, snapshot, dryRun, shot)) {
            collect(places, c);
        }
        places.put("audit log " + dir.resolve("audit.jsonl"), Files.readAllBytes(dir.resolve("audit.jsonl")));
        assertThat(CommandRun.auditRecords(dir.resolve("audit.jsonl"))).as("the config sets were audited")
                .hasSizeGreaterThanOrEqualTo(2);
        places.put("screenshot " + png, Files.readAllBytes(png));
        addFiles(places, dir.resolve("history"), "history store");
        addFiles(places, dir.resolve("home"), "the app's home");
        try (Stream<Path> files = Files.walk(sandbox.dir())) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> isLog(sandbox.dir(), f)).toList()) {
                places.put("sandbox log " + f, Files.readAllBytes(f));
            }
        }
        assertThat(places.keySet()).as("sandbox logs were read").anyMatch(k -> k.startsWith("sandbox log"));

        // The search itself is shown to work: the members' patroni.yml hold the passwords by design.
        Map<String, byte[]> control = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(sandbox.dir(), 3)) {
            for (Path f : files.filter(f -> f.getFileName().toString().equals("patroni.yml")).toList()) {
                control.put(f.toString(), Files.readAllBytes(f));
            }
        }
        assertThat(search(secrets, control)).as("the search finds the passwords where they are kept").isNotEmpty();

        List<String> found = search(secrets, places);
        System.out.println("[secrets] searched " + places.size() + " places (" + places.values().stream()
                .mapToLong(b -> b.length).sum() + " bytes) for " + secrets.size() + " passwords: " + found.size()
                + " found");
        assertThat(found).as("searched " + places.size() + " places for " + secrets.size() + " passwords").isEmpty();
    }

    /**
     * Nobody to ask (no terminal): a member whose password is nowhere shows, in the snapshot, which pgpass line or
     * keyring command would supply it, and the command still ends.
     */
    @Test
    void withoutAPasswordAndNobodyToAskTheSnapshotSaysWhatToAdd() throws Exception {
        SandboxInfo sandbox = SharedSandbox.get();
        Path ws = withEmptyPgpass(sandbox);
        Path emptyPgpass = dir.resolve("empty-pgpass");
        Child snapshot = start("snapshot-nopw", "snapshot", "--workspace", ws.toString(), "--json");
        finish(snapshot);
        String json = Files.readString(snapshot.out());
        assertThat(json).contains("no password for " + sandbox.monitorUser() + "@")
                .contains(":*:" + sandbox.monitorUser() + ":<password> to " + emptyPgpass)
                .contains("pilothouse credentials set --host ").doesNotContain("Exception");
    }

    /**
     * On a terminal (a pseudo-terminal from script(1)) with an empty pgpass, the snapshot asks for each member's
     * password without echo, offers the keyring (answered no), and then reads every member.
     */
    @Test
    void onATerminalTheSnapshotAsksForEachMissingPasswordWithoutEcho() throws Exception {
        SandboxInfo sandbox = SharedSandbox.get();
        Map<String, String> byPort = new LinkedHashMap<>();
        for (String line : Files.readAllLines(sandbox.passfile())) {
            String[] f = line.split(":");
            if (f.length == 5 && f[3].equals(sandbox.monitorUser())) {
                byPort.putIfAbsent(f[1], f[4]);
            }
        }
        Path ws = withEmptyPgpass(sandbox);
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = "'" + javaBin + "' -Dpilothouse.audit.log=" + dir.resolve("audit-pty.jsonl") + " -cp '"
                + System.getProperty("java.class.path") + "' io.pilothouse.app.Main snapshot --workspace " + ws;
        ProcessBuilder pb = new ProcessBuilder("script", "-qec", command, "/dev/null").redirectErrorStream(true);
        pb.environment().put("HOME", Files.createDirectories(dir.resolve("home-pty")).toString());
        pb.environment().remove("DBUS_SESSION_BUS_ADDRESS");
        Process p = pb.start();
        started.add(p);
        StringBuilder screen = new StringBuilder();
        java.util.regex.Pattern ask = java.util.regex.Pattern.compile(
                "Password for \\S+@127\\.0\\.0\\.1:(\\d+) \\(empty to skip\\): $");
        int asked = 0;
        int from = 0;
        InputStream out = p.getInputStream();
        java.io.OutputStream keys = p.getOutputStream();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline && (p.isAlive() || out.available() > 0)) {
            int n = out.available();
            if (n == 0) {
                Thread.sleep(50);
                continue;
            }
            screen.append(new String(out.readNBytes(n), StandardCharsets.UTF_8));
            String fresh = screen.substring(from);
            java.util.regex.Matcher m = ask.matcher(fresh);
            if (m.find()) {
                keys.write((byPort.get(m.group(1)) + "\n").getBytes(StandardCharsets.UTF_8));
                keys.flush();
                asked++;
                from = screen.length();
            } else if (fresh.endsWith("Remember it in the system keyring? [y/N] ")) {
                keys.write("n\n".getBytes(StandardCharsets.UTF_8));
                keys.flush();
                from = screen.length();
            }
        }
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).as(screen.toString()).isTrue();
        String all = screen.toString();
        System.out.println("[pty] what the terminal showed:\n" + all);
        assertThat(asked).as(all).isEqualTo(sandbox.members().size());
        assertThat(p.exitValue()).as(all).isZero();
        assertThat(all).contains("Pilothouse needs the password of " + sandbox.monitorUser() + " on 127.0.0.1:")
                .contains("not found: pgpass: no line in " + dir.resolve("empty-pgpass"))
                .doesNotContain("no password for").contains("leader");
        for (String password : byPort.values()) {
            assertThat(all).as("typed passwords are not echoed").doesNotContain(password);
        }
    }

    private Path withEmptyPgpass(SandboxInfo sandbox) throws IOException {
        Path emptyPgpass = dir.resolve("empty-pgpass");
        if (!Files.exists(emptyPgpass)) {
            Files.writeString(emptyPgpass, "");
            Files.setPosixFilePermissions(emptyPgpass,
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        }
        Path ws = dir.resolve("workspace-empty-pgpass.yaml");
        Files.writeString(ws, Files.readString(sandbox.workspaceFile()).replace(sandbox.passfile().toString(),
                emptyPgpass.toString()));
        return ws;
    }

    private static List<String> search(Map<String, String> secrets, Map<String, byte[]> places) {
        List<String> found = new ArrayList<>();
        secrets.forEach((password, role) -> places.forEach((where, bytes) -> {
            if (new String(bytes, StandardCharsets.ISO_8859_1).contains(password)) {
                found.add("password of " + role + " in " + where);
            }
        }));
        return found;
    }

    private static void collect(Map<String, byte[]> places, Child c) throws IOException {
        places.put("arguments of " + c.command().get(c.command().size() - 1) + " run", String.join(" ",
                c.command()).getBytes(StandardCharsets.UTF_8));
        places.put("output of " + c.out().getFileName(), Files.readAllBytes(c.out()));
        places.put("log (stderr, DEBUG) of " + c.err().getFileName(), Files.readAllBytes(c.err()));
    }

    private static void addFiles(Map<String, byte[]> places, Path root, String what) throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                places.put(what + " " + f, Files.readAllBytes(f));
            }
        }
    }

    /** Logs and other files meant to hold no secret: everything but pgpass, patroni.yml and the data directories. */
    private static boolean isLog(Path sandboxDir, Path f) {
        String rel = sandboxDir.relativize(f).toString();
        String name = f.getFileName().toString();
        return rel.startsWith("logs/") || name.endsWith(".log") || name.equals("sandbox.json")
                || name.equals("workspace.yaml");
    }

    private static byte[] readProc(long pid, String file) {
        try (InputStream in = Files.newInputStream(Path.of("/proc", Long.toString(pid), file))) {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0]; // gone meanwhile, or not ours to read
        }
    }

    /** Password to "role on host:port" for every line of the sandbox's pgpass (its passwords are letters and digits). */
    private static Map<String, String> passwords(Path pgpass) throws IOException {
        Map<String, String> secrets = new LinkedHashMap<>();
        for (String line : Files.readAllLines(pgpass)) {
            String[] f = line.split(":");
            if (f.length == 5 && !f[4].isBlank() && !line.startsWith("#")) {
                secrets.putIfAbsent(f[4], f[3] + " (pgpass " + f[0] + ":" + f[1] + ")");
            }
        }
        return secrets;
    }
}
