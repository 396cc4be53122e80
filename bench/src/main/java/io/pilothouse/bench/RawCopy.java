package io.pilothouse.bench;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyOut;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The baseline a move's copy is compared with: {@code COPY (SELECT * FROM t) TO STDOUT} on one node piped into
 * {@code COPY t2 FROM STDIN} on another, text format as the table sync worker uses, on two threads joined by a
 * bounded queue of 256 KB chunks (not {@code PipedInputStream}, whose reader polls with a 1-second wait when the
 * writer does not flush).
 */
final class RawCopy {

    private static final int CHUNK = 256 * 1024;
    private static final byte[] END = new byte[0];

    /** Rows and COPY text bytes moved. */
    record Result(long rows, long bytes) {
    }

    private RawCopy() {
    }

    /**
     * Copies every row of {@code fromTable} (already quoted) on {@code from} into {@code toTable} on {@code to}; the
     * target's COPY commits (autocommit) before this returns.
     */
    static Result copy(Connection from, String fromTable, Connection to, String toTable, ExecutorService threads)
            throws Exception {
        CopyOut out = from.unwrap(PGConnection.class).getCopyAPI()
                .copyOut("COPY (SELECT * FROM " + fromTable + ") TO STDOUT");
        CopyIn in = to.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + toTable + " FROM STDIN");
        BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(16);
        Future<Long> reader = threads.submit(() -> {
            long bytes = 0;
            byte[] chunk = new byte[CHUNK];
            int used = 0;
            try {
                byte[] row;
                while ((row = out.readFromCopy()) != null) {
                    bytes += row.length;
                    if (used + row.length > chunk.length) {
                        queue.put(java.util.Arrays.copyOf(chunk, used));
                        used = 0;
                    }
                    if (row.length > chunk.length) {
                        queue.put(row);
                    } else {
                        System.arraycopy(row, 0, chunk, used, row.length);
                        used += row.length;
                    }
                }
                if (used > 0) {
                    queue.put(java.util.Arrays.copyOf(chunk, used));
                }
                return bytes;
            } finally {
                queue.put(END);
            }
        });
        try {
            while (true) {
                byte[] chunk = queue.take();
                if (chunk == END) {
                    break;
                }
                in.writeToCopy(chunk, 0, chunk.length);
            }
            long bytes = reader.get();
            long rows = in.endCopy();
            return new Result(rows, bytes);
        } catch (Exception e) {
            if (in.isActive()) {
                try {
                    in.cancelCopy();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }
}
