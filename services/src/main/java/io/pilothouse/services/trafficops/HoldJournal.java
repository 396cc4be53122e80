package io.pilothouse.services.trafficops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The pauses in force, one JSON file each in a directory (next to the audit log), written atomically before the
 * PAUSE and removed after the RESUME: what a later start reads to resume a pause a killed app left behind.
 */
public final class HoldJournal {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final Path dir;

    public HoldJournal(Path dir) {
        this.dir = dir;
    }

    /** Writes {@code record} (replacing one with its id). */
    public synchronized void save(HoldRecord record) {
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(record.id() + ".json.tmp");
            JSON.writeValue(tmp.toFile(), record);
            Files.move(tmp, dir.resolve(record.id() + ".json"), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the hold journal in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Forgets {@code id} (its RESUME was read back). */
    public synchronized void remove(String id) {
        try {
            Files.deleteIfExists(dir.resolve(id + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + id + " from the hold journal: " + e.getMessage(), e);
        }
    }

    /** Every pause not known to be resumed; an unreadable file is skipped (and left for a person to read). */
    public synchronized List<HoldRecord> open() {
        List<HoldRecord> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                try {
                    out.add(JSON.readValue(f.toFile(), HoldRecord.class));
                } catch (IOException e) {
                    org.slf4j.LoggerFactory.getLogger(HoldJournal.class).warn("Unreadable hold record {}: {}", f,
                            e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the hold journal " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }
}
