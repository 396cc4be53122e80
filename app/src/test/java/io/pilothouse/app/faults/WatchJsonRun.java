package io.pilothouse.app.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilothouse.app.Main;
import io.pilothouse.app.json.Json;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

/**
 * {@code pilothouse watch --workspace FILE --json} running in-process for the length of a test class, as a user
 * would run it in a terminal; its lines are kept, and a scenario reads those printed after its {@link #mark()}.
 * {@link #close()} interrupts it, as Ctrl-C would.
 */
final class WatchJsonRun implements AutoCloseable {

    private final StringBuffer printed = new StringBuffer();
    private final StringWriter err = new StringWriter();
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "watch-json");
        t.setDaemon(true);
        return t;
    });
    private final Future<Integer> run;

    private WatchJsonRun(Path workspace) {
        PrintWriter out = new PrintWriter(new Writer() {
            @Override
            public void write(char[] buf, int off, int len) {
                printed.append(buf, off, len);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        }, true);
        run = runner.submit(() -> Main.run(out, new PrintWriter(err, true), "watch", "--workspace",
                workspace.toString(), "--json"));
    }

    static WatchJsonRun start(Path workspace) {
        return new WatchJsonRun(workspace);
    }

    /** Where the output stands now; pass it to {@link #linesSince}. */
    int mark() {
        return printed.length();
    }

    /** Every JSON line printed after {@code mark}, parsed (a partial last line is left for later). */
    List<JsonNode> linesSince(int mark) {
        String text = printed.substring(Math.min(mark, printed.length()));
        int end = text.lastIndexOf('\n');
        List<JsonNode> lines = new ArrayList<>();
        if (end < 0) {
            return lines;
        }
        for (String line : text.substring(0, end).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                lines.add(Json.mapper().readTree(line));
            } catch (IOException e) {
                throw new UncheckedIOException("watch --json printed a line that is not JSON: " + line, e);
            }
        }
        return lines;
    }

    /** Whether some line after {@code mark} matches. */
    boolean printedSince(int mark, Predicate<JsonNode> line) {
        return linesSince(mark).stream().anyMatch(line);
    }

    /** A line of {@code type} about {@code member}. */
    static Predicate<JsonNode> event(String type, String member) {
        return j -> type.equals(j.path("type").asText()) && member.equals(j.path("member").asText());
    }

    /** Whether the command is still running (it must not exit or die under any fault). */
    boolean running() {
        return !run.isDone();
    }

    /** What it printed on stderr. */
    String err() {
        return err.toString();
    }

    /** Everything printed since {@code mark}, for a failure message. */
    String textSince(int mark) {
        return printed.substring(Math.min(mark, printed.length()));
    }

    @Override
    public void close() {
        run.cancel(true);
        runner.shutdownNow();
    }
}
