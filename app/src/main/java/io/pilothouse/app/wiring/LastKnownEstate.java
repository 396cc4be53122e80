package io.pilothouse.app.wiring;

import io.pilothouse.services.history.store.SnapshotCodec;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.EstateSnapshot;
import io.pilothouse.services.platform.AppDirs;
import io.pilothouse.services.platform.PrivateFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The estate as a window last saw it, kept per workspace in the state directory (deflated JSON of the model, mode
 * 0600; the model holds addresses and states, never a password), so the next window can paint it at once, marked as
 * last known, while its sources are read. A missing file means nothing was seen yet; a broken one is ignored with a
 * line in the log and replaced at the next save.
 */
public final class LastKnownEstate {

    private static final Logger LOG = LoggerFactory.getLogger(LastKnownEstate.class);

    private final Path file;

    public LastKnownEstate(Path file) {
        this.file = file;
    }

    /** The running user's file for the workspace named {@code workspace}. */
    public static LastKnownEstate forWorkspace(String workspace) {
        return new LastKnownEstate(AppDirs.current().stateDir().resolve("last-known")
                .resolve(digest(workspace) + ".json.z"));
    }

    public Path file() {
        return file;
    }

    /** The estate last saved, or empty when there is none or it cannot be read. */
    public Optional<EstateSnapshot> load() {
        byte[] data;
        try {
            data = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            LOG.warn("last-known estate {} not read ({}); the window starts empty", file, e.getMessage());
            return Optional.empty();
        }
        try {
            return Optional.of(SnapshotCodec.decode(data));
        } catch (RuntimeException e) { // SnapshotCodec: UncheckedIOException for a broken file
            LOG.warn("last-known estate {} ignored ({}); it is replaced at the next save", file, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Keeps {@code estate} when any of its sources answered; an estate nothing answered in is not worth painting.
     *
     * @return whether it was written
     */
    public boolean save(EstateSnapshot estate) {
        if (!answered(estate)) {
            return false;
        }
        try {
            PrivateFiles.createDirectories(file.getParent());
            PrivateFiles.writeAtomically(file, SnapshotCodec.encode(estate));
            return true;
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("last-known estate not saved to {} ({})", file, e.getMessage());
            return false;
        }
    }

    /** True when some cluster's source has answered at least once. */
    static boolean answered(EstateSnapshot estate) {
        return estate.clusters().stream().map(ClusterSnapshot::sources).flatMap(s -> s.values().stream())
                .anyMatch(s -> s.lastSuccess() != null);
    }

    private static String digest(String workspace) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(workspace.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from this JDK", e);
        }
    }
}
