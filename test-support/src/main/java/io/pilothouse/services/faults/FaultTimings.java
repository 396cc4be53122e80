package io.pilothouse.services.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Measures one fault scenario and records it as one parseable line, printed on stdout and appended to
 * {@code target/fault-timings.txt} of the module under test:
 *
 * <pre>FAULT-TIMING scenario=replica_sigstop detect_ms=1840 recover_ms=2210</pre>
 *
 * Detection runs from {@link #injected()} to {@link #detected()}; recovery from {@link #repaired()} (the fault
 * removed) to {@link #recovered()}. {@code scripts/fault-table.sh} turns the lines into the README's table.
 */
public final class FaultTimings {

    /** The file name under the module's {@code target/}. */
    public static final String FILE = "fault-timings.txt";
    private static final Pattern NAME = Pattern.compile("[a-z0-9_]+");

    private final String scenario;
    private long injectedAt;
    private long detectMs = -1;
    private long repairedAt;
    private long recoverMs = -1;

    private FaultTimings(String scenario) {
        if (!NAME.matcher(scenario).matches()) {
            throw new IllegalArgumentException("scenario names are snake_case: " + scenario);
        }
        this.scenario = scenario;
    }

    /** Starts the record of {@code scenario} (snake_case, e.g. {@code leader_postgres_kill9}). */
    public static FaultTimings of(String scenario) {
        return new FaultTimings(scenario);
    }

    /** The fault is in place now. */
    public FaultTimings injected() {
        injectedAt = System.nanoTime();
        return this;
    }

    /** The system under test showed the fault now; returns the detection time. */
    public Duration detected() {
        detectMs = (System.nanoTime() - injectedAt) / 1_000_000;
        return Duration.ofMillis(detectMs);
    }

    /** The system under test showed the fault at {@code nanoTime} ({@link System#nanoTime()}). */
    public Duration detectedAt(long nanoTime) {
        detectMs = (nanoTime - injectedAt) / 1_000_000;
        return Duration.ofMillis(detectMs);
    }

    /** The fault was removed now (or, for a crash, the moment recovery is measured from). */
    public FaultTimings repaired() {
        repairedAt = System.nanoTime();
        return this;
    }

    /** The system under test showed the recovery now; returns the recovery time. */
    public Duration recovered() {
        recoverMs = (System.nanoTime() - repairedAt) / 1_000_000;
        return Duration.ofMillis(recoverMs);
    }

    /** The system under test showed the recovery at {@code nanoTime} ({@link System#nanoTime()}). */
    public Duration recoveredAt(long nanoTime) {
        recoverMs = (nanoTime - repairedAt) / 1_000_000;
        return Duration.ofMillis(recoverMs);
    }

    /** The line as recorded. */
    public String line() {
        return "FAULT-TIMING scenario=" + scenario + " detect_ms=" + detectMs + " recover_ms=" + recoverMs;
    }

    /** Prints {@link #line()} and appends it to {@code target/fault-timings.txt}; returns the line. */
    public String record() {
        String line = line();
        System.out.println(line);
        Path file = targetDir().resolve(FILE);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot append to " + file, e);
        }
        return line;
    }

    /** The module's build directory: surefire sets {@code basedir}; otherwise the working directory's target/. */
    static Path targetDir() {
        String basedir = System.getProperty("basedir");
        return (basedir == null ? Path.of("") : Path.of(basedir)).toAbsolutePath().resolve("target");
    }
}
