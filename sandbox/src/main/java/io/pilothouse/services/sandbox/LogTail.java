package io.pilothouse.services.sandbox;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The last lines of a log file, for error messages that show what the failing process said. */
final class LogTail {

    /** Logs can be large (etcd is chatty); only the end is read. */
    private static final int MAX_BYTES = 64 * 1024;

    private LogTail() {}

    static List<String> lastLines(Path log, int count) {
        if (!Files.isRegularFile(log)) {
            return List.of();
        }
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long start = Math.max(0, file.length() - MAX_BYTES);
            byte[] bytes = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(bytes);
            List<String> lines = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R"));
            return List.copyOf(lines.subList(Math.max(0, lines.size() - count), lines.size()));
        } catch (IOException e) {
            return List.of("(cannot read " + log + ": " + e.getMessage() + ")");
        }
    }

    /** A block for an exception message: a heading naming the file, then its last lines. */
    static String section(Path log, int count) {
        List<String> lines = lastLines(log, count);
        if (lines.isEmpty()) {
            return "\n--- " + log + ": empty or missing";
        }
        return "\n--- last " + lines.size() + " lines of " + log + ":\n" + String.join("\n", lines);
    }
}
