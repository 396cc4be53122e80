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
 * <h2>Keyed chain</h2>
 * Since the audit key exists (created on the first write, kept by an {@link AuditKeyStore}: the OS keyring when
 * there is one, else a 0600 file beside the log), every record carries {@code "chain":"hmac-sha256"} and its
 * {@code hash} is the HMAC-SHA256 of that JSON under the key: someone who can rewrite the log but not read the key
 * cannot recompute the chain after a change. Records written before the key existed stay plain SHA-256 links and are
 * reported as unkeyed; from the key's first record on, an unkeyed record is a forgery. The key store also keeps the
 * head (seq and hash of the last record written), so records removed from the end, or a log deleted or emptied,
 * are reported, never "intact". With the key in a file beside the log, whoever can read that file can still forge:
 * prefer the keyring, or ship the log elsewhere, where that matters.
 *
 * <p>Appends are serialised within the JVM and across processes (an exclusive file lock while reading the last
 * hash and writing), so two Pilothouse windows sharing one log keep one chain. The file is created mode 0600.
 */
public final class JsonLinesAuditLog implements AuditSink {

    /** {@code prevHash} of the first record. */
    public static final String GENESIS = "0".repeat(64);
    /** The {@code chain} field of a keyed record. */
    public static final String KEYED = "hmac-sha256";

    private static final Logger LOG = LoggerFactory.getLogger(JsonLinesAuditLog.class);
    private static final Map<Path, Object> IN_PROCESS_LOCKS = new ConcurrentHashMap<>();
    private static final int TAIL_CHUNK = 8192;

    private final Path file;
    private final AuditKeyStore keys;
    private final ObjectMapper json = new ObjectMapper();
    private final Object lock;

    /** An audit log at {@code file} keyed with a 0600 key file beside it; nothing is created until the first record. */
    public JsonLinesAuditLog(Path file) {
        this(file, FileAuditKeyStore.beside(file));
    }

    /** An audit log at {@code file} whose key is kept by {@code keys}. */
    public JsonLinesAuditLog(Path file, AuditKeyStore keys) {
        this.file = Objects.requireNonNull(file, "file").toAbsolutePath().normalize();
        this.keys = Objects.requireNonNull(keys, "keys");
        // FileLock is per process; two instances on one file in this JVM must also exclude each other.
        this.lock = IN_PROCESS_LOCKS.computeIfAbsent(this.file, p -> new Object());
    }

    /** The log file. */
    public Path file() {
        return file;
    }

    /** Where the chain's key is kept, in words. */
    public String keyLocation() {
        return keys.describe();
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
                AuditKey key = keys.load().orElse(null);
                if (key == null) {
                    // First keyed write: the key keys this record and every later one; older ones stay unkeyed.
                    key = AuditKey.generate(tail.seq() + 1);
                    keys.save(key);
                }
                ObjectNode node = toJson(record, tail.seq() + 1, tail.hash());
                if (key.hasHead() && tail.seq() < key.headSeq()) {
                    // The log lost records since the last write (deleted, emptied, cut short). Keep writing (an
                    // audit gap is worse) but say so inside the keyed record, so verify reports it for good.
                    LOG.warn("The audit log {} ends at record {} but record {} was written: records were removed",
                            file, tail.seq(), key.headSeq());
                    node.put("lostAfter", key.headSeq());
                }
                node.put("chain", KEYED);
                String hash = mac(key, node);
                node.put("hash", hash);
                byte[] line = (json.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8);
                ByteBuffer buffer = ByteBuffer.wrap(tail.needsNewline() ? prepend('\n', line) : line);
                long position = channel.size();
                while (buffer.hasRemaining()) {
                    position += channel.write(buffer, position);
                }
                channel.force(false);
                keys.save(key.withHead(tail.seq() + 1, hash));
            } catch (IOException e) {
                throw new AuditException("cannot append to the audit log " + file + ": " + e, e);
            }
        }
    }

    /**
     * Checks the whole chain: every record's hash (HMAC under the key from its first keyed record on, SHA-256
     * before), every link, and that the head the key store kept is still in the log.
     *
     * @return intact, or the first bad line and what is wrong with it; a missing or empty log is never intact
     * @throws AuditException if the file exists but cannot be read, or the key cannot be used
     */
    public AuditVerification verify() {
        List<String> lines;
        AuditKey key;
        synchronized (lock) {
            key = keys.load().orElse(null);
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                return AuditVerification.missing("no audit log at " + file + (key != null && key.hasHead()
                        ? " but a key exists (" + keys.describe() + ") with " + key.headSeq() + " record(s) "
                        + "written: the log was removed" : ": nothing has been recorded here, or it was deleted"));
            } catch (IOException e) {
                throw new AuditException("cannot read the audit log " + file + ": " + e, e);
            }
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        if (lines.isEmpty()) {
            return AuditVerification.missing(key != null && key.hasHead()
                    ? "the audit log " + file + " is empty but a key exists (" + keys.describe() + ") with "
                    + key.headSeq() + " record(s) written: records were removed"
                    : "the audit log " + file + " is empty: nothing has been recorded, or it was emptied");
        }
        String previousHash = GENESIS;
        long previousSeq = 0;
        int unkeyed = 0;
        boolean headFound = key == null || !key.hasHead();
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
            long seq = node.path("seq").asLong(-1);
            boolean keyed = KEYED.equals(node.path("chain").asText(""));
            String expected;
            if (keyed) {
                if (key == null) {
                    return AuditVerification.broken(good, lineNo, "line " + lineNo + " is keyed but there is no key ("
                            + keys.describe() + " is missing): the chain cannot be checked; restore the key");
                }
                expected = mac(key, node);
            } else {
                if (key != null && seq >= key.firstKeyedSeq()) {
                    return AuditVerification.broken(good, lineNo, "line " + lineNo + " is not keyed although every "
                            + "record from " + key.firstKeyedSeq() + " on is: it was rewritten");
                }
                expected = hash(node);
                unkeyed++;
            }
            if (!java.security.MessageDigest.isEqual(stored.getBytes(StandardCharsets.US_ASCII),
                    expected.getBytes(StandardCharsets.US_ASCII))) {
                return AuditVerification.broken(good, lineNo, "line " + lineNo + " was edited: its hash does not "
                        + "match its content");
            }
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
            if (keyed && node.has("lostAfter")) {
                return AuditVerification.broken(good, lineNo, "line " + lineNo + " was written after records were "
                        + "removed: the log then ended before record " + node.path("lostAfter").asLong()
                        + ", the last one written");
            }
            if (key != null && seq == key.headSeq() && stored.equals(key.headHash())) {
                headFound = true;
            }
            previousHash = stored;
            previousSeq = seq;
        }
        if (!headFound) {
            return AuditVerification.broken(lines.size(), lines.size(), headProblem(key, previousSeq));
        }
        return AuditVerification.ok(lines.size(), unkeyed, key == null ? null : keys.describe());
    }

    /**
     * Why the head kept with the key is not the log's last record, in words: the log ends before it (records removed
     * from the end, counted), or the record at the head's seq is another one (the log was replaced or rewritten).
     */
    private String headProblem(AuditKey key, long lastSeq) {
        String kept = "the head kept in the " + keys.describe();
        if (lastSeq < key.headSeq()) {
            long removed = key.headSeq() - lastSeq;
            return "the log ends at record " + lastSeq + " but " + kept + " says " + key.headSeq() + ": the last "
                    + (removed == 1 ? "record was removed" : removed + " records were removed");
        }
        return "record " + key.headSeq() + " is not the one the " + kept.substring("the ".length()) + " names: the log "
                + "was replaced or rewritten from there on (it ends at record " + lastSeq + ")";
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

    /** HMAC-SHA256 (hex) under {@code key} of the node's compact JSON, which must not contain {@code hash}. */
    private String mac(AuditKey key, ObjectNode withoutHash) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key.secret(), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(json.writeValueAsBytes(withoutHash)));
        } catch (JsonProcessingException | java.security.GeneralSecurityException e) {
            throw new AuditException("cannot key an audit record", e);
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
