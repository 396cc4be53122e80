package io.pilothouse.services.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Writes files and directories with explicit permissions, never wider than asked for even briefly. */
final class PrivateFiles {

    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> WORLD_READABLE = PosixFilePermissions.fromString("rw-r--r--");
    static final Set<PosixFilePermission> PRIVATE_DIR = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> SHARED_DIR = PosixFilePermissions.fromString("rwxr-xr-x");

    private PrivateFiles() {}

    /**
     * Replaces {@code target} atomically with {@code content}. The temporary file is created with
     * {@code permissions} already set, so a secret is never readable by others, not even for a
     * moment between create and chmod.
     */
    static void write(Path target, String content, Set<PosixFilePermission> permissions) {
        Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try {
            Files.deleteIfExists(temp);
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(permissions));
            Files.writeString(temp, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            // the umask may have narrowed what createFile set; make it exact
            Files.setPosixFilePermissions(temp, permissions);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new SandboxException("Cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** Creates {@code dir} (and parents) if needed and sets exactly {@code permissions} on it. */
    static Path directory(Path dir, Set<PosixFilePermission> permissions) {
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, permissions);
            return dir;
        } catch (IOException e) {
            throw new SandboxException("Cannot create directory " + dir + ": " + e.getMessage(), e);
        }
    }
}
