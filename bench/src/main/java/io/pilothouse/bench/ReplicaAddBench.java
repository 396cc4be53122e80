package io.pilothouse.bench;

import io.pilothouse.app.Main;
import io.pilothouse.services.credentials.PgPassFile;
import io.pilothouse.services.sandbox.SandboxInfo;
import io.pilothouse.services.sandbox.SandboxLauncher;
import io.pilothouse.services.sandbox.SandboxSpec;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code pilothouse replica add} on a plain sandbox versus a bare {@code pg_basebackup} of the same upstream, in the
 * same run, alternating which goes first. The primary is filled to {@code --mb} MB first.
 *
 * <p><i>bare</i>: {@code pg_basebackup -D tmp -X stream -c fast} as the server's user with the replication login, timed
 * from start to exit. <i>add, steps</i>: the report's "done in" (first step: the pgpass write, last: streaming seen in
 * the upstream's pg_stat_replication). <i>add, command</i>: the whole command as a user runs it (live session start,
 * pre-checks, preview included). Each add is removed again with {@code replica remove --delete-data}.
 *
 * <pre>mvn -Pbench -pl bench -am -DskipTests verify -Dbench.main=io.pilothouse.bench.ReplicaAddBench \
 *     -Dbench.args="--mb 1024 --reps 3"</pre>
 */
public final class ReplicaAddBench {

    private static final Pattern DONE = Pattern.compile("done in ([0-9.]+) s");

    private ReplicaAddBench() {
    }

    public static void main(String[] args) throws Exception {
        int mb = BenchArgs.intArg(args, "--mb", 1024);
        int reps = BenchArgs.intArg(args, "--reps", 3);
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "pilothouse-bench-replica-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path replicas = Files.createTempDirectory(Path.of("/tmp"), "pilothouse-bench-replicas-");
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            run(List.of("chown", "postgres:", replicas.toString()));
        }
        SandboxLauncher launcher = new SandboxLauncher();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            launcher.destroy(dir);
            try {
                run(List.of("rm", "-rf", "--", replicas.toString()));
            } catch (Exception e) {
                System.err.println("could not remove " + replicas + ": " + e);
            }
        }, "bench-cleanup"));
        SandboxInfo sandbox = launcher.up(SandboxSpec.defaults(dir).withScope("rbench").withPlain(true), line -> { });
        SandboxInfo.Member primary = sandbox.requireMember("node1");
        SandboxJdbc jdbc = new SandboxJdbc(sandbox);
        long t0 = System.nanoTime();
        try (Connection c = jdbc.connect(primary.pgHost(), primary.pgPort(), "bench-fill");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE filler AS SELECT g, repeat(md5(g::text), 30) AS pad"
                    + " FROM generate_series(1, " + (mb * 1024 * 1024L / 1000) + ") g");
            s.execute("CHECKPOINT");
        }
        System.out.printf(Locale.ROOT, "primary filled to %d MB in %.1f s%n", mb, (System.nanoTime() - t0) / 1e9);
        String passfile = replicas.resolve("bare.pgpass").toString();
        String password = replicationPassword(sandbox, primary);
        Files.writeString(Path.of(passfile), primary.pgHost() + ":" + primary.pgPort() + ":*:replicator:" + password
                + "\n");
        Files.setPosixFilePermissions(Path.of(passfile), PosixFilePermissions.fromString("rw-------"));
        if (root) {
            run(List.of("chown", "postgres", passfile));
        }
        List<double[]> rows = new ArrayList<>();
        for (int rep = 0; rep < reps; rep++) {
            double bare = 0;
            double steps = 0;
            double command = 0;
            for (int order = 0; order < 2; order++) {
                boolean bareNow = (order == 0) == (rep % 2 == 0);
                if (bareNow) {
                    String target = replicas.resolve("bare" + rep).toString();
                    List<String> cmd = new ArrayList<>(root ? List.of("runuser", "-u", "postgres", "--") : List.of());
                    cmd.addAll(List.of("/usr/lib/postgresql/15/bin/pg_basebackup", "-D", target, "-d", "host="
                            + primary.pgHost() + " port=" + primary.pgPort() + " user=replicator passfile=" + passfile,
                            "-X", "stream", "-c", "fast"));
                    long b0 = System.nanoTime();
                    run(cmd);
                    bare = (System.nanoTime() - b0) / 1e9;
                    run(List.of("rm", "-rf", "--", target));
                } else {
                    String port = String.valueOf(30000 + rep);
                    long a0 = System.nanoTime();
                    String out = cli("replica", "add", "--workspace", sandbox.workspaceFile().toString(), "--cluster",
                            "rbench", "--host", "127.0.0.1", "--port", port, "--data-dir",
                            replicas.resolve("add" + rep).toString(), "--yes");
                    command = (System.nanoTime() - a0) / 1e9;
                    Matcher m = DONE.matcher(out);
                    if (!m.find()) {
                        throw new IllegalStateException("replica add did not finish:\n" + out);
                    }
                    steps = Double.parseDouble(m.group(1));
                    out.lines().filter(l -> l.startsWith("  ok (")).map(l -> "    " + l.strip().substring(0,
                            Math.min(l.strip().length(), 110))).forEach(System.out::println);
                    cli("replica", "remove", "--workspace", sandbox.workspaceFile().toString(), "--cluster", "rbench",
                            "--member", "127.0.0.1:" + port, "--delete-data", "--yes");
                }
            }
            rows.add(new double[] {bare, steps, command});
            System.out.printf(Locale.ROOT, "rep %d: bare pg_basebackup %.1f s, replica add steps %.1f s (ratio %.2f), "
                    + "whole command %.1f s (ratio %.2f)%n", rep + 1, bare, steps, steps / bare, command, command / bare);
        }
        List<Double> bare = rows.stream().map(r -> r[0]).toList();
        List<Double> steps = rows.stream().map(r -> r[1]).toList();
        List<Double> command = rows.stream().map(r -> r[2]).toList();
        System.out.printf(Locale.ROOT, "median over %d reps, %d MB: bare %.1f s, add steps %.1f s (ratio %.2f), "
                        + "whole command %.1f s (ratio %.2f)%n", reps, mb, Percentiles.median(bare),
                Percentiles.median(steps), Percentiles.median(steps) / Percentiles.median(bare),
                Percentiles.median(command), Percentiles.median(command) / Percentiles.median(bare));
    }

    private static String replicationPassword(SandboxInfo sandbox, SandboxInfo.Member m) throws Exception {
        PgPassFile pgpass = PgPassFile.parse(Files.readString(sandbox.passfile()));
        try {
            return pgpass.find(m.pgHost(), m.pgPort(), "replication", "replicator").map(e -> new String(e.password()))
                    .orElseThrow(() -> new IllegalStateException("no replicator line in " + sandbox.passfile()));
        } finally {
            pgpass.clear();
        }
    }

    private static String cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        if (status != 0) {
            throw new IllegalStateException(String.join(" ", args) + " exited " + status + ":\n" + out + err);
        }
        return out.toString();
    }

    private static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }
}
