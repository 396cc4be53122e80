package io.pilothouse.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilothouse.app.Main;
import io.pilothouse.app.json.Json;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@code pilothouse} in-process as a user would, with what the command printed kept for assertions; the
 * arguments every run of a test class shares (workspace, cluster) are appended to each.
 */
final class CommandRun {

    private final List<String> common;
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    /** @param common appended to every run's arguments, e.g. {@code --workspace FILE --cluster demo} */
    CommandRun(String... common) {
        this.common = List.of(common);
    }

    /** Runs the command with fresh output; returns its exit status. */
    int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(common);
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
    }

    /** What the last run printed on stdout. */
    String out() {
        return out.toString();
    }

    /** What the last run printed on stderr. */
    String err() {
        return err.toString();
    }

    /** Every record of an audit log file, oldest first; empty when it does not exist. */
    static List<JsonNode> auditRecords(Path auditLog) throws IOException {
        List<JsonNode> records = new ArrayList<>();
        if (Files.exists(auditLog)) {
            for (String line : Files.readAllLines(auditLog)) {
                if (!line.isBlank()) {
                    records.add(Json.mapper().readTree(line));
                }
            }
        }
        return records;
    }
}
