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
 * same run, rotating which goes first. The primary is filled to {@code --mb} MB first.
 *
 * <p><i>bare</i>: {@code pg_basebackup -D tmp -X stream -c fast} as the server's user with the replication login, timed
 * from start to exit. <i>same flags</i>: the same with the flags the add's copy needs ({@code -R -C -S slot -P}), so
 * what the flags cost is told apart from what Pilothouse adds. <i>add, steps</i>: the report's "done in" (first step: the pgpass write, last: streaming seen in
 * the upstream's pg_stat_replication). <i>add, command</i>: the whole command as a user runs it (live session start,
 * pre-checks, preview included). Each add is removed again with {@code replica remove --delete-data}.
 *
 * <p>The figure is the median over rounds of each round's own ratio (the three run next to each other, each kind
 * taking each place in the order equally often, after one untimed round), so load that drifts over minutes cancels
 * out instead of landing on one side; the spread and the load average are printed with it.
 *
 * <pre>mvn -Pbench -pl bench -am -DskipTests verify -Dbench.main=io.pilothouse.bench.ReplicaAddBench \
 *     -Dbench.args="--mb 1024 --reps 6 [--warmup 0]"</pre>
 */
public final class ReplicaAddBench {

    private static final Pattern DONE = Pattern.compile("done in ([0-9.]+) s");
    private static final Pattern COPY = Pattern.compile("ok \\(([0-9.]+) s\\): copy ");

    private ReplicaAddBench() {
    }

    public static void main(String[] args) throws Exception {
        int mb = BenchArgs.intArg(args, "--mb", 1024);
        int reps = BenchArgs.intArg(args, "--reps", 6);
        boolean warmup = BenchArgs.intArg(args, "--warmup", 1) > 0;
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
        // One untimed round first: the first copy after the fill pays for the checkpoint's writeback and a cold
        // JVM, which would land on whichever side happened to go first.
        if (warmup) {
            bare(replicas, primary, passfile, root, "warm", List.of());
            add(sandbox, replicas, 29999, "warm");
            System.out.println("warm-up round done (not counted), " + Load.now());
        }
        List<String> kinds = List.of("bare", "same flags", "add");
        List<double[]> rows = new ArrayList<>();
        for (int rep = 0; rep < reps; rep++) {
            double[] row = new double[5];
            List<String> order = new ArrayList<>();
            for (int k = 0; k < kinds.size(); k++) {
                // Each kind takes each place in the order equally often over every three rounds.
                String kind = kinds.get((rep + k) % kinds.size());
                order.add(kind);
                switch (kind) {
                    case "bare" -> row[0] = bare(replicas, primary, passfile, root, String.valueOf(rep), List.of());
                    case "same flags" -> {
                        String slot = "bench_same_" + rep;
                        row[4] = bare(replicas, primary, passfile, root, "same" + rep,
                                List.of("-R", "-C", "-S", slot, "-P"));
                        try (Connection c = jdbc.connect(primary.pgHost(), primary.pgPort(), "bench-slot");
                             java.sql.PreparedStatement ps = c.prepareStatement("SELECT pg_drop_replication_slot(?)")) {
                            ps.setString(1, slot);
                            ps.execute();
                        }
                    }
                    default -> {
                        double[] add = add(sandbox, replicas, 30000 + rep, String.valueOf(rep));
                        row[1] = add[0];
                        row[2] = add[1];
                        row[3] = add[2];
                    }
                }
            }
            rows.add(row);
            System.out.printf(Locale.ROOT, "round %d (%s; %s): bare pg_basebackup %.2f s, the add's flags bare %.2f s, "
                            + "replica add steps %.2f s (ratio %.2f to bare, %.2f to the same flags; its copy %.2f s, "
                            + "the rest %.2f s), whole command %.2f s (ratio %.2f)%n",
                    rep + 1, String.join(" > ", order), Load.now(), row[0], row[4], row[1], row[1] / row[0],
                    row[1] / row[4], row[2], row[1] - row[2], row[3], row[3] / row[0]);
        }
        List<Double> ratios = rows.stream().map(r -> r[1] / r[0]).toList();
        List<Double> sameRatios = rows.stream().map(r -> r[1] / r[4]).toList();
        List<Double> flagsRatios = rows.stream().map(r -> r[4] / r[0]).toList();
        List<Double> commandRatios = rows.stream().map(r -> r[3] / r[0]).toList();
        List<Double> copyRatios = rows.stream().map(r -> r[2] / r[4]).toList();
        List<Double> rest = rows.stream().map(r -> r[1] - r[2]).toList();
        System.out.printf(Locale.ROOT, "%d rounds, %d MB, %s%n", reps, mb, Load.now());
        for (int k = 0; k < 3; k++) {
            int col = new int[] {0, 4, 1}[k];
            List<Double> v = rows.stream().map(r -> r[col]).toList();
            System.out.printf(Locale.ROOT, "  %-36s median %.2f s (%s)%n", new String[] {"bare pg_basebackup:",
                    "bare pg_basebackup -R -C -S slot -P:", "replica add, first step to streaming:"}[k],
                    Percentiles.median(v), spread(v));
        }
        System.out.printf(Locale.ROOT, "  add / bare, per round: median %.2f (%s)%n", Percentiles.median(ratios),
                spread(ratios));
        System.out.printf(Locale.ROOT, "  add / bare with the same flags, per round: median %.2f (%s)%n",
                Percentiles.median(sameRatios), spread(sameRatios));
        System.out.printf(Locale.ROOT, "  same flags / bare, per round: median %.2f (%s)%n",
                Percentiles.median(flagsRatios), spread(flagsRatios));
        System.out.printf(Locale.ROOT, "  the add's copy step / bare with the same flags: median %.2f (%s); steps "
                + "after the copy: median %.2f s (%s)%n", Percentiles.median(copyRatios), spread(copyRatios),
                Percentiles.median(rest), spread(rest));
        System.out.printf(Locale.ROOT, "  whole command / bare, per round: median %.2f (%s)%n",
                Percentiles.median(commandRatios), spread(commandRatios));
    }

    /** {@code min 0.91, max 1.20}. */
    private static String spread(List<Double> values) {
        return String.format(Locale.ROOT, "min %.2f, max %.2f",
                values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
                values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN));
    }

    /** A bare {@code pg_basebackup} of the primary with {@code flags} added; seconds from start to exit. */
    private static double bare(Path replicas, SandboxInfo.Member primary, String passfile, boolean root, String tag,
                               List<String> flags) throws Exception {
        String target = replicas.resolve("bare" + tag).toString();
        List<String> cmd = new ArrayList<>(root ? List.of("runuser", "-u", "postgres", "--") : List.of());
        cmd.addAll(List.of("/usr/lib/postgresql/15/bin/pg_basebackup", "-D", target, "-d", "host="
                + primary.pgHost() + " port=" + primary.pgPort() + " user=replicator passfile=" + passfile,
                "-X", "stream", "-c", "fast"));
        cmd.addAll(flags);
        long b0 = System.nanoTime();
        run(cmd);
        double seconds = (System.nanoTime() - b0) / 1e9;
        run(List.of("rm", "-rf", "--", target));
        return seconds;
    }

    /**
     * {@code replica add} then {@code replica remove --delete-data}; seconds of its steps (the report's "done in"),
     * of its copy step, and of the whole command.
     */
    private static double[] add(SandboxInfo sandbox, Path replicas, int port, String tag) {
        long a0 = System.nanoTime();
        String out = cli("replica", "add", "--workspace", sandbox.workspaceFile().toString(), "--cluster",
                "rbench", "--host", "127.0.0.1", "--port", String.valueOf(port), "--data-dir",
                replicas.resolve("add" + tag).toString(), "--yes");
        double command = (System.nanoTime() - a0) / 1e9;
        Matcher m = DONE.matcher(out);
        Matcher copy = COPY.matcher(out);
        if (!m.find() || !copy.find()) {
            throw new IllegalStateException("replica add did not finish:\n" + out);
        }
        out.lines().filter(l -> l.startsWith("  ok (")).map(l -> "    " + l.strip().substring(0,
                Math.min(l.strip().length(), 110))).forEach(System.out::println);
        cli("replica", "remove", "--workspace", sandbox.workspaceFile().toString(), "--cluster", "rbench",
                "--member", "127.0.0.1:" + port, "--delete-data", "--yes");
        return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(copy.group(1)), command};
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
