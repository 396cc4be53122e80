package io.pilothouse.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The workload that trains the packaged launchers' start-up caches ({@code lib/pilothouse-cli.aot} and
 * {@code lib/pilothouse.aot} with a JDK 25 runtime, {@code .jsa} archives with JDK 17; see
 * {@code packaging/resources/train-cds.sh}): run once under {@code -XX:AOTCacheOutput} or
 * {@code -XX:ArchiveClassesAtExit}, it loads the classes a {@code snapshot} and the topology view load, so the next
 * launches map them from the cache instead of parsing and verifying them. It runs where the package is installed, with no cluster: the sources are closed loopback
 * ports, so the clients, channels, JSON, SQL driver and JavaFX classes load and every read fails fast.
 * Prints nothing; exits 0 whatever the commands returned (a failed read is the expected outcome here).
 * With the argument {@code one-shot} it runs the one-shot commands only (the {@code pilothouse} launcher's cache:
 * what a window loads would only slow a {@code snapshot} that maps it); without, the window's as well.
 */
public final class CdsTraining {

    /** A port nothing listens on (discard); connecting is refused at once. */
    private static final String CLOSED = "127.0.0.1:9";

    private CdsTraining() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("pilothouse-cds-");
        try {
            Path workspace = dir.resolve("workspace.yaml");
            Files.writeString(workspace, "sources:\n"
                    + "  - name: training\n"
                    + "    etcd:\n"
                    + "      endpoints: [\"http://" + CLOSED + "\"]\n"
                    + "      namespace: /service\n"
                    + "    patroni: [\"http://" + CLOSED + "\"]\n"
                    + "    postgres:\n"
                    + "      user: pilothouse_training\n");
            PrintWriter quiet = new PrintWriter(new StringWriter());
            Main.run(quiet, quiet, "--version");
            Main.run(quiet, quiet, "snapshot", "--workspace", workspace.toString(), "--timeout", "2");
            Main.run(quiet, quiet, "snapshot", "--json", "--workspace", workspace.toString(), "--timeout", "1");
            if (args.length == 0 || !args[0].equals("one-shot")) {
                Main.run(quiet, quiet, "screenshot", "--view", "topology", "--workspace", workspace.toString(),
                        "--timeout", "1", "--size", "800x600", "--out", dir.resolve("topology.png").toString());
            }
        } finally {
            try (var files = Files.list(dir)) {
                files.forEach(f -> f.toFile().delete());
            }
            Files.deleteIfExists(dir);
        }
        System.exit(0);
    }
}
