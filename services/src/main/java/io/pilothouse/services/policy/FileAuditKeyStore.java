package io.pilothouse.services.policy;

import io.pilothouse.services.platform.PrivateFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * The audit key in a file beside the log ({@code audit.jsonl.key}), mode 0600, created on the first keyed write.
 * A key file that group or others may read or write is refused rather than used: whoever can read the key can
 * forge the chain.
 */
public final class FileAuditKeyStore implements AuditKeyStore {

    private static final Set<PosixFilePermission> WIDER = Set.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final Path file;

    public FileAuditKeyStore(Path file) {
        this.file = file.toAbsolutePath().normalize();
    }

    /** The key file beside {@code log}: the log's name plus {@code .key}. */
    public static FileAuditKeyStore beside(Path log) {
        Path abs = log.toAbsolutePath().normalize();
        return new FileAuditKeyStore(abs.resolveSibling(abs.getFileName() + ".key"));
    }

    public Path file() {
        return file;
    }

    @Override
    public Optional<AuditKey> load() {
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                    throw new AuditException("the audit key " + file + " is not a regular file; remove it only if "
                            + "you know where it came from", null);
                }
                return Optional.empty();
            }
            if (PrivateFiles.isPosix(file)) {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
                if (perms.stream().anyMatch(WIDER::contains)) {
                    throw new AuditException("the audit key " + file + " has mode "
                            + PosixFilePermissions.toString(perms) + ": other users may read it and forge the "
                            + "chain; run chmod 600 " + file + " (and consider the log suspect)", null);
                }
            }
            return Optional.of(AuditKey.decode(Files.readString(file, StandardCharsets.US_ASCII)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            throw new AuditException("the audit key " + file + " is damaged (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new AuditException("cannot read the audit key " + file + ": " + e, e);
        }
    }

    @Override
    public void save(AuditKey key) {
        try {
            PrivateFiles.writeAtomically(file, (key.encode() + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new AuditException("cannot write the audit key " + file + ": " + e, e);
        }
    }

    @Override
    public String describe() {
        return "key file " + file;
    }
}
