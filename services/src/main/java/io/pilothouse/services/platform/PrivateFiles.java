package io.pilothouse.services.platform;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files and directories only the current user can read: mode 0600 / 0700 where the file system has POSIX modes.
 * Workspace files name hosts and users, and the audit log records who did what; neither is for other local users.
 */
public final class PrivateFiles {

    /** rw------- */
    public static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    /** rwx------ */
    public static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

    private PrivateFiles() {
    }

    /** True when the file system holding {@code path} supports POSIX permissions. */
    public static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /**
     * Creates {@code dir} and missing parents, new ones mode 0700. Existing directories are left as they are: they
     * may be shared on purpose (e.g. {@code ~/.config}).
     */
    public static void createDirectories(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return;
        }
        Path parent = absolute.getParent();
        if (parent != null) {
            createDirectories(parent);
        }
        try {
            if (isPosix(absolute)) {
                Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(OWNER_DIR));
            } else {
                Files.createDirectory(absolute);
            }
        } catch (FileAlreadyExistsException raced) {
            if (!Files.isDirectory(absolute)) {
                throw raced;
            }
        }
    }

    /** The attributes to create a private file with ({@code rw-------} on POSIX, none elsewhere). */
    public static FileAttribute<?>[] fileAttributes(Path path) {
        return isPosix(path.toAbsolutePath())
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_FILE)}
                : new FileAttribute<?>[0];
    }

    /**
     * Replaces {@code target} with {@code content} so that readers see either the old or the new file, never half
     * of one: writes a private temporary file in the same directory, forces it to disk, then renames it over the
     * target. The result is mode 0600 on POSIX even if the old file was more open.
     */
    public static void writeAtomically(Path target, byte[] content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        createDirectories(dir);
        // Same directory as the target: a rename is only atomic within one file system.
        Path temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp", fileAttributes(dir));
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
