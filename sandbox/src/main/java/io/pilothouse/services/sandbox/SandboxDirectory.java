package io.pilothouse.services.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/** Finds, prepares and deletes sandbox directories. */
final class SandboxDirectory {

    /** sun_path is 108 bytes including the terminating NUL. */
    private static final int MAX_SOCKET_PATH = 107;

    private SandboxDirectory() {}

    /**
     * The layout for an existing or future sandbox at {@code dir}. Symlinks are resolved because
     * process command lines (which {@code down} matches) carry the real path.
     */
    static SandboxLayout locate(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        try {
            return new SandboxLayout(Files.exists(absolute) ? absolute.toRealPath() : absolute);
        } catch (IOException e) {
            throw new SandboxException("Cannot resolve " + absolute + ": " + e.getMessage(), e);
        }
    }

    /**
     * Makes {@code dir} ready for a new sandbox: creates it, hands it to the sandbox user and
     * checks that user can reach it. Refuses a directory with a sandbox in it, running or not, and
     * any other non-empty directory.
     */
    static SandboxLayout prepare(SandboxSpec spec, SandboxUser user) {
        SandboxLayout existing = locate(spec.dir());
        Path dir = existing.dir();
        if (Files.exists(existing.stateFile())) {
            SandboxStatus status = SandboxStatusReader.read(existing);
            if (status.anyAlive()) {
                throw new SandboxAlreadyRunningException(dir, status);
            }
            throw new SandboxException(dir + " holds a stopped sandbox (its data is kept there); delete it with"
                    + " destroy, or choose another directory");
        }
        if (Files.exists(dir) && !isEmptyDirectory(dir)) {
            throw new SandboxException(dir + " is not an empty directory; choose a new or empty directory");
        }
        checkSocketPath(existing, spec);
        PrivateFiles.directory(dir, PrivateFiles.SHARED_DIR);
        SandboxLayout layout = locate(dir);
        checkSocketPath(layout, spec);
        user.own(layout.dir());
        user.checkReachable(layout.dir());
        return layout;
    }

    private static void checkSocketPath(SandboxLayout layout, SandboxSpec spec) {
        String socket = layout.socketDir(spec.memberName(spec.members() - 1)) + "/.s.PGSQL.65535";
        if (socket.getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH) {
            throw new SandboxException(layout.dir() + " is too deep for PostgreSQL's unix socket path (" + socket
                    + " exceeds " + MAX_SOCKET_PATH + " bytes): choose a shorter directory such as /tmp/sandbox");
        }
    }

    static boolean isEmptyDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new SandboxException("Cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    static void deleteRecursively(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
                    if (failure != null) {
                        throw failure;
                    }
                    Files.delete(directory);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new SandboxException("Cannot delete " + dir + ": " + e.getMessage(), e);
        }
    }
}
