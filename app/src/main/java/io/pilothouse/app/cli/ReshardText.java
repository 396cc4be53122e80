package io.pilothouse.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.pilothouse.services.reshard.MoveEvents;
import io.pilothouse.services.reshard.MoveProgress;
import io.pilothouse.services.reshard.MoveRecord;
import io.pilothouse.services.reshard.ReshardNode;
import io.pilothouse.services.reshard.Verification;

import java.io.PrintWriter;
import java.io.UncheckedIOException;

/** How resharding commands print progress and results. */
final class ReshardText {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    private ReshardText() {
    }

    /** Progress lines: each new step, and copy figures at most once a second. */
    static MoveEvents progress(PrintWriter out, boolean quiet) {
        return new MoveEvents() {
            private String lastStep = "";
            private long lastPrint;

            @Override
            public synchronized void progress(MoveProgress p) {
                long now = System.nanoTime();
                if (quiet || (p.step().equals(lastStep) && now - lastPrint < 1_000_000_000L)) {
                    return;
                }
                lastStep = p.step();
                lastPrint = now;
                StringBuilder line = new StringBuilder("  ").append(p.step());
                if (p.rowsTotal() > 0 && p.rowsCopied() >= 0) {
                    line.append(String.format(" — %,d of ~%,d rows (%.0f%%)", p.rowsCopied(), p.rowsTotal(),
                            100 * p.fraction()));
                }
                if (p.bytesCopied() > 0) {
                    line.append(String.format(", %.1f MB", p.bytesCopied() / 1e6));
                }
                if (p.lagBytes() >= 0) {
                    line.append(String.format(" — %,d bytes behind", p.lagBytes()));
                }
                if (p.eta() != null && p.eta().toSeconds() > 0) {
                    line.append(", about ").append(p.eta().toSeconds()).append(" s left");
                }
                out.println(line);
                out.flush();
            }

            @Override
            public void ran(ReshardNode node, String statement) {
            }
        };
    }

    /** The outcome of a run, in a few lines. */
    static void result(PrintWriter out, MoveRecord r) {
        out.println("Move " + r.id() + ": " + r.plan().summary());
        out.println("  state: " + r.state());
        if (r.cutover() != null) {
            out.printf("  cutover: writes blocked %d ms (lock wait %d ms, catch-up %d ms, %d attempt(s))%n",
                    r.cutover().blockedMillis(), r.cutover().lockWaitMillis(), r.cutover().catchUpMillis(),
                    r.cutover().attempts());
        }
        Verification v = r.verification();
        if (v != null) {
            out.printf("  verification: %s — source %,d rows, checksum %s; target %,d rows, checksum %s%n",
                    v.matched() ? "MATCHED" : "MISMATCH", v.sourceRows(), v.sourceChecksum(), v.targetRows(),
                    v.targetChecksum());
            if (v.note() != null) {
                out.println("  (" + v.note() + ")");
            }
        }
        if (r.lastError() != null) {
            out.println("  last error: " + r.lastError());
        }
        out.flush();
    }

    static void json(PrintWriter out, Object value) {
        try {
            out.println(JSON.writeValueAsString(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }
}
