package io.pilothouse.services.reshard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Moves on disk, one JSON file per move, each rewritten atomically after every step so a killed app finds exactly
 * where it stopped. No password is ever in a plan, so none is ever here.
 */
public final class MoveJournal {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;

    public MoveJournal(Path dir) {
        this.dir = dir;
    }

    /** The directory holding the journal. */
    public Path dir() {
        return dir;
    }

    /** Writes {@code record}, replacing the previous version of the same move. */
    public synchronized MoveRecord save(MoveRecord record) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                try {
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
                } catch (UnsupportedOperationException e) {
                    // Not a POSIX file system: the directory keeps the platform's defaults.
                }
            }
            Path file = file(record.id());
            Path tmp = dir.resolve(record.id() + ".json.tmp");
            Files.write(tmp, JSON.writeValueAsBytes(record));
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return record;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the resharding journal " + dir + ": " + e.getMessage()
                    + "; check that the directory is writable", e);
        }
    }

    /** The move with this id. */
    public Optional<MoveRecord> load(String id) {
        if (id == null || !id.matches("[0-9a-z_]{1,40}")) {
            return Optional.empty();
        }
        Path file = file(id);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(read(file));
    }

    /** Every move, oldest first. */
    public List<MoveRecord> all() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<MoveRecord> records = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).toList()) {
                records.add(read(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the resharding journal " + dir + ": " + e.getMessage(), e);
        }
        records.sort(Comparator.comparing(r -> r.plan().createdAt()));
        return records;
    }

    /** Moves a restart must resume or roll back. */
    public List<MoveRecord> unfinished() {
        return all().stream().filter(r -> !r.state().finished()).toList();
    }

    private Path file(String id) {
        return dir.resolve(id + ".json");
    }

    private static MoveRecord read(Path file) {
        try {
            return JSON.readValue(file.toFile(), MoveRecord.class);
        } catch (IOException e) {
            throw new UncheckedIOException("The resharding journal entry " + file + " cannot be read ("
                    + e.getMessage() + "); it was not written by this version, or was edited", e);
        }
    }
}
