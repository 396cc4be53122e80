package io.pilothouse.services.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilothouse.services.platform.PrivateFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A tamper-evident audit log: one JSON object per line with {@code seq}, {@code time}, {@code user},
 * {@code action}, {@code cluster}, {@code target}, {@code parameters}, {@code outcome}, {@code message},
 * {@code durationMs}, optionally {@code checks}, {@code responses} and {@code results} (the operation's evidence),
 * {@code prevHash} (the previous record's hash; 64 zeros for the first) and {@code hash} (the
 * SHA-256 of the record's compact JSON without the {@code hash} field). {@link #verify()} finds the first record
 * that was edited, removed, inserted or moved.
 *
 * <p>The chain is evidence, not protection: someone able to rewrite the file can recompute every hash after the
 * point they changed, and removing the <em>last</em> records leaves a valid shorter chain. Ship the log elsewhere
 * (or note the last hash) where that matters.
 *
 * <p>Appends are serialised within the JVM and across processes (an exclusive file lock while reading the last
 * hash and writing), so two Pilothouse windows sharing one log keep one chain. The file is created mode 0600.
 */
public final class JsonLinesAuditLog implements AuditSink {

    /** {@code prevHash} of the first record. */
    public static final String GENESIS = "0".repeat(64);

    private static final Logger LOG = LoggerFactory.getLogger(JsonLinesAuditLog.class);
    private static final Map<Path, Object> IN_PROCESS_LOCKS = new ConcurrentHashMap<>();
    private static final int TAIL_CHUNK = 8192;

    private final Path file;
    private final ObjectMapper json = new ObjectMapper();
    private final Object lock;

    /** An audit log at {@code file}; nothing is created until the first record. */
    public JsonLinesAuditLog(Path file) {
        this.file = Objects.requireNonNull(file, "file").toAbsolutePath().normalize();
        // FileLock is per process; two instances on one file in this JVM must also exclude each other.
        this.lock = IN_PROCESS_LOCKS.computeIfAbsent(this.file, p -> new Object());
    }

    /** The log file. */
    public Path file() {
        return file;
    }

    @Override
    public void ensureWritable() {
        synchronized (lock) {
            try (FileChannel ignored = open()) {
                // Opening for writing (creating if needed) is the check.
            } catch (IOException e) {
                throw new AuditException("cannot write the audit log " + file + ": " + e, e);
            }
        }
    }

    @Override
    public void record(AuditRecord record) {
        synchronized (lock) {
            try (FileChannel channel = open(); FileLock ignored = channel.lock()) {
                Tail tail = tail(channel);
                ObjectNode node = toJson(record, tail.seq() + 1, tail.hash());
                node.put("hash", hash(node));
                byte[] line = (json.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8);
                ByteBuffer buffer = ByteBuffer.wrap(tail.needsNewline() ? prepend('\n', line) : line);
                long position = channel.size();
                while (buffer.hasRemaining()) {
                    position += channel.write(buffer, position);
                }
                channel.force(false);
            } catch (IOException e) {
                throw new AuditException("cannot append to the audit log " + file + ": " + e, e);
            }
        }
    }

    /**
     * Checks the whole chain.
     *
     * @return intact, or the first bad line and what is wrong with it; a missing file is an intact empty log
     * @throws AuditException if the file exists but cannot be read
     */
    public AuditVerification verify() {
        List<String> lines;
        synchronized (lock) {
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                return AuditVerification.ok(0);
            } catch (IOException e) {
                throw new AuditException("cannot read the audit log " + file + ": " + e, e);
            }
        }
        String previousHash = GENESIS;
        long previousSeq = 0;
        for (int i = 0; i < lines.size(); i++) {
            int lineNo = i + 1;
            int good = i;
            ObjectNode node;
            try {
                JsonNode parsed = json.readTree(lines.get(i));
                if (!(parsed instanceof ObjectNode o)) {
                    return AuditVerification.broken(good, lineNo, "line " + lineNo + " is not a JSON record");
                }
                node = o;
            } catch (JsonProcessingException e) {
                return AuditVerification.broken(good, lineNo, "line " + lineNo + " is not valid JSON (damaged or "
                        + "hand-edited)");
            }
            String stored = node.path("hash").asText("");
            node.remove("hash");
            if (!stored.equals(hash(node))) {
                return AuditVerification.broken(good, lineNo, "line " + lineNo + " was edited: its hash does not "
                        + "match its content");
            }
            long seq = node.path("seq").asLong(-1);
            if (!previousHash.equals(node.path("prevHash").asText(""))) {
                if (seq == previousSeq + 1 && lineNo > 1) {
                    // In sequence, yet the link is broken: the record before was altered and its hash recomputed.
                    return AuditVerification.broken(good - 1, lineNo - 1, "line " + (lineNo - 1) + " was altered "
                            + "and re-hashed: line " + lineNo + "'s prevHash no longer matches it");
                }
                return AuditVerification.broken(good, lineNo, "line " + lineNo + ": expected record "
                        + (previousSeq + 1) + " but found record " + seq + " (records were removed, inserted or "
                        + "reordered before it)");
            }
            previousHash = stored;
            previousSeq = seq;
        }
        return AuditVerification.ok(lines.size());
    }

    /**
     * Reads every record back (see {@link AuditLogReader}): damaged lines are skipped and reported, not thrown.
     *
     * @return the records in file order; empty when the file does not exist
     * @throws AuditException if the file exists but cannot be read
     */
    public AuditLogContents read() {
        synchronized (lock) {
            // Under the in-process lock so a record being appended by this JVM is read whole or not at all.
            return new AuditLogReader().read(file);
        }
    }

    private FileChannel open() throws IOException {
        PrivateFiles.createDirectories(file.getParent());
        return FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE), PrivateFiles.fileAttributes(file));
    }

    private ObjectNode toJson(AuditRecord r, long seq, String prevHash) {
        ObjectNode node = json.createObjectNode();
        node.put("seq", seq);
        node.put("time", r.time().toString());
        node.put("user", r.user());
        node.put("action", r.action());
        node.put("cluster", r.cluster());
        node.put("target", r.target());
        ObjectNode params = node.putObject("parameters");
        r.parameters().forEach(params::put);
        node.put("outcome", r.outcome().wireName());
        node.put("message", r.message());
        node.put("durationMs", r.durationMs());
        // Evidence only when there is some, so records without it keep the shape (and hash) they always had.
        if (!r.checks().isEmpty()) {
            r.checks().forEach(node.putArray("checks")::add);
        }
        if (!r.responses().isEmpty()) {
            r.responses().forEach(node.putArray("responses")::add);
        }
        if (!r.results().isEmpty()) {
            ObjectNode results = node.putObject("results");
            r.results().forEach(results::put);
        }
        node.put("prevHash", prevHash);
        return node;
    }

    /** SHA-256 (hex) of the node's compact JSON, which must not contain {@code hash}. */
    private String hash(ObjectNode withoutHash) {
        try {
            byte[] canonical = json.writeValueAsBytes(withoutHash);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new AuditException("cannot hash an audit record", e);
        }
    }

    /** The last record's seq and hash, read from the end of the file so appends stay cheap as the log grows. */
    private Tail tail(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size == 0) {
            return new Tail(0, GENESIS, false);
        }
        boolean endsWithNewline = readByte(channel, size - 1) == '\n';
        long end = endsWithNewline ? size - 1 : size;
        ByteArrayOutputStream reversed = new ByteArrayOutputStream();
        long pos = end;
        boolean found = false;
        while (pos > 0 && !found) {
            int n = (int) Math.min(TAIL_CHUNK, pos);
            ByteBuffer chunk = ByteBuffer.allocate(n);
            channel.read(chunk, pos - n);
            byte[] bytes = chunk.array();
            for (int i = n - 1; i >= 0; i--) {
                if (bytes[i] == '\n') {
                    found = true;
                    break;
                }
                reversed.write(bytes[i]);
            }
            pos -= n;
        }
        byte[] lastLine = reversed.toByteArray();
        for (int i = 0, j = lastLine.length - 1; i < j; i++, j--) {
            byte b = lastLine[i];
            lastLine[i] = lastLine[j];
            lastLine[j] = b;
        }
        String text = new String(lastLine, StandardCharsets.UTF_8);
        try {
            JsonNode last = json.readTree(text);
            if (last != null && last.hasNonNull("hash") && last.hasNonNull("seq")) {
                return new Tail(last.get("seq").asLong(), last.get("hash").asText(), !endsWithNewline);
            }
        } catch (JsonProcessingException e) {
            // fall through
        }
        // A torn or hand-edited last line: keep appending (an audit gap is worse), chained to its raw bytes;
        // verify() will point at that line.
        LOG.warn("The last line of the audit log {} is damaged; appending after it. verify() will report it.", file);
        String rawHash;
        try {
            rawHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(lastLine));
        } catch (NoSuchAlgorithmException e) {
            throw new AuditException("cannot hash an audit record", e);
        }
        return new Tail(0, rawHash, !endsWithNewline);
    }

    private static byte readByte(FileChannel channel, long position) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        channel.read(one, position);
        return one.get(0);
    }

    private static byte[] prepend(char c, byte[] bytes) {
        byte[] out = new byte[bytes.length + 1];
        out[0] = (byte) c;
        System.arraycopy(bytes, 0, out, 1, bytes.length);
        return out;
    }

    /** What the next record chains to. */
    private record Tail(long seq, String hash, boolean needsNewline) {
    }

    @Override
    public String toString() {
        return "JsonLinesAuditLog[" + file + "]";
    }
}
