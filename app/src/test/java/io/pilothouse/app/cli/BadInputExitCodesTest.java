package io.pilothouse.app.cli;

import io.pilothouse.app.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #12.4 and #12.7: bad input exits 2 with one clear line, before anything is read from the network (every
 * source here is an unreachable port, so a command that got that far would take seconds and exit 1).
 */
class BadInputExitCodesTest {

    private static final String NOWHERE = "http://127.0.0.1:1";
    /** A bad-input refusal is said at once; reaching the network would wait out a settle timeout of seconds. */
    private static final double BEFORE_THE_NETWORK_SECONDS = 10;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private void assertBadInputAtOnce(String expected, String... args) {
        long t0 = System.nanoTime();
        int status = run(args);
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(status).as(String.join(" ", args) + "\n" + err).isEqualTo(2);
        assertThat(seconds).as("said before any network read").isLessThan(BEFORE_THE_NETWORK_SECONDS);
        assertThat(err.toString()).contains(expected).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void negativeZeroAndNonNumericTimeoutsAreBadInput() {
        assertBadInputAtOnce("'-1' is out of range", "snapshot", "--patroni", NOWHERE, "--timeout", "-1");
        assertBadInputAtOnce("'0' is out of range", "indoubt", "list", "--patroni", NOWHERE, "--timeout", "0");
        assertBadInputAtOnce("'soon' is not a whole number", "shards", "--patroni", NOWHERE, "--timeout", "soon");
        assertBadInputAtOnce("--wait", "pause", "--cluster", "demo", "--patroni", NOWHERE, "--wait", "-5");
        assertBadInputAtOnce("--rate-seconds", "shards", "--patroni", NOWHERE, "--rate-seconds", "-1");
    }

    @Test
    void everyNumericOptionOfEverySubcommandGoesThroughTheSharedParser() {
        List<String> unchecked = new ArrayList<>();
        walk(new CommandLine(new PilothouseCommand()), unchecked);
        assertThat(unchecked).as("numeric options without a NumericOptions converter").isEmpty();
    }

    private static final Set<Class<?>> NUMERIC = Set.of(int.class, long.class, double.class, float.class,
            short.class, Integer.class, Long.class, Double.class, Float.class, Short.class);

    private static void walk(CommandLine cli, List<String> unchecked) {
        CommandSpec spec = cli.getCommandSpec();
        for (OptionSpec o : spec.options()) {
            if (NUMERIC.contains(o.type())) {
                boolean shared = o.converters().length == 1
                        && o.converters()[0].getClass().getEnclosingClass() == NumericOptions.class;
                if (!shared) {
                    unchecked.add(spec.qualifiedName() + " " + o.longestName());
                }
            }
        }
        cli.getSubcommands().values().forEach(sub -> walk(sub, unchecked));
    }

    @Test
    void aGidPostgresCannotHoldIsBadInputBeforeAnyRead() {
        assertBadInputAtOnce("at most 199 bytes", "indoubt", "resolve", "--gid", "g".repeat(200), "--node", "shard1",
                "--commit", "--yes", "--patroni", NOWHERE);
        assertBadInputAtOnce("NUL", "indoubt", "resolve", "--gid", "tx\u0000_1", "--node", "shard1", "--rollback",
                "--yes", "--patroni", NOWHERE);
    }

    @Test
    void workspaceThatIsADeviceIsRefusedAtOnceWithoutReadingIt() {
        assertBadInputAtOnce("/dev/zero: is not a regular file", "snapshot", "--workspace", "/dev/zero");
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void workspaceThatIsAFifoIsRefusedWithoutHanging(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("ws.yaml");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertBadInputAtOnce("is not a regular file", "indoubt", "list", "--workspace", fifo.toString());
    }

    @Test
    void directoryMissingFileHugeFileMalformedYamlAndUnknownKeysAreBadInput(@TempDir Path dir) throws Exception {
        assertBadInputAtOnce("is a directory", "snapshot", "--workspace", dir.toString());
        assertBadInputAtOnce("does not exist", "snapshot", "--workspace", dir.resolve("nope.yaml").toString());

        Path huge = dir.resolve("huge.yaml");
        Files.write(huge, new byte[2 * 1024 * 1024]);
        assertBadInputAtOnce("is larger than 1024 KiB", "snapshot", "--workspace", huge.toString());

        Path malformed = dir.resolve("bad.yaml");
        Files.writeString(malformed, "name: x\nsources: [\n  - {name: a\n");
        assertBadInputAtOnce(malformed.toString(), "snapshot", "--workspace", malformed.toString());

        Path unknown = dir.resolve("unknown.yaml");
        Files.writeString(unknown, "name: x\nreadonly: true\nsources:\n  - name: a\n    patroni: [\"" + NOWHERE
                + "\"]\n");
        assertBadInputAtOnce("unknown key 'readonly'", "snapshot", "--workspace", unknown.toString());
    }

    @Test
    void aShardingSphereRuleFileThatIsADeviceIsBadInput(@TempDir Path dir) throws Exception {
        Path ws = dir.resolve("ws.yaml");
        Files.writeString(ws, "name: x\nsources:\n  - name: a\n    patroni: [\"" + NOWHERE + "\"]\n"
                + "shardMaps:\n  - name: orders\n    shardingSphere: /dev/zero\n    dataSources: {}\n");
        assertBadInputAtOnce("not a regular file", "shards", "--workspace", ws.toString());
    }

    @Test
    void reportAndPictureOutputsThatCannotBeFilesAreBadInput(@TempDir Path dir) {
        assertBadInputAtOnce("--report " + dir + " is a directory", "switchover", "--cluster", "demo", "--to",
                "node2", "--yes", "--report", dir.toString(), "--patroni", NOWHERE);
        assertBadInputAtOnce("does not exist", "screenshot", "--out", dir.resolve("no/such/dir/x.png").toString(),
                "--patroni", NOWHERE);
    }
}
