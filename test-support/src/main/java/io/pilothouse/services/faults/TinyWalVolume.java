package io.pilothouse.services.faults;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs mounted for a PostgreSQL member's {@code pg_wal} (root only), which can be filled to the last byte and
 * freed again: a real "No space left on device" for the WAL, cheap and undone by deleting one file.
 *
 * <p>Layout: {@code DIR} is the mount point, {@code DIR/wal} holds the WAL (the data directory's {@code pg_wal}
 * becomes a symlink to it, as {@code initdb --waldir} makes), {@code DIR/filler} takes the free space. Move the WAL in
 * with {@link #adopt} while the member's PostgreSQL is stopped. {@link #close()} unmounts; call it after PostgreSQL
 * has stopped for good (the sandbox is down).
 */
public final class TinyWalVolume implements AutoCloseable {

    private static final int CHUNK = 1 << 20;

    private final Path mountPoint;
    private boolean mounted;

    private TinyWalVolume(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    /** Why no volume can be mounted here, or null when it can (root is needed to mount). */
    public static String unavailableBecause() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "mounting a tmpfs for pg_wal needs root; running as " + System.getProperty("user.name");
        }
        return Files.isExecutable(Path.of("/bin/mount")) || Files.isExecutable(Path.of("/usr/bin/mount"))
                ? null : "no mount command";
    }

    /** Mounts a tmpfs of {@code megabytes} on a new directory {@code /tmp/<prefix>…}. */
    public static TinyWalVolume mount(String prefix, int megabytes) {
        try {
            Path dir = Files.createTempDirectory(Path.of("/tmp"), prefix);
            TinyWalVolume volume = new TinyWalVolume(dir);
            run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m,mode=0755", "tmpfs", dir.toString());
            volume.mounted = true;
            return volume;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a mount point under /tmp", e);
        }
    }

    /**
     * Moves {@code dataDir/pg_wal} onto this volume and leaves a symlink in its place, owned by {@code owner} (the OS
     * user PostgreSQL runs as). The member's PostgreSQL must be stopped.
     */
    public void adopt(Path dataDir, String owner) {
        Path wal = mountPoint.resolve("wal");
        Path pgWal = dataDir.resolve("pg_wal");
        if (Files.isSymbolicLink(pgWal)) {
            throw new IllegalStateException(pgWal + " is already a symlink");
        }
        run("cp", "-a", pgWal.toString(), wal.toString());
        run("rm", "-rf", pgWal.toString());
        run("ln", "-s", wal.toString(), pgWal.toString());
        run("chown", "-h", owner + ":", pgWal.toString());
    }

    /** Writes a file that takes every free byte of the volume; returns how many bytes it took. */
    public long fill() {
        Path filler = mountPoint.resolve("filler");
        long written = 0;
        byte[] zeros = new byte[CHUNK];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(zeros);
                written += zeros.length;
            }
        } catch (IOException full) {
            // No space left on device: what we wanted
        }
        // A last partial page may still fit; take it too.
        try (OutputStream out = Files.newOutputStream(filler, java.nio.file.StandardOpenOption.APPEND)) {
            for (int i = 0; i < CHUNK / 4096; i++) {
                out.write(zeros, 0, 4096);
                written += 4096;
            }
        } catch (IOException full) {
            // full
        }
        return written;
    }

    /** Free bytes on the volume now. */
    public long freeBytes() {
        try {
            return Files.getFileStore(mountPoint).getUsableSpace();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the filler: the WAL has room again. */
    public void free() {
        try {
            Files.deleteIfExists(mountPoint.resolve("filler"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path mountPoint() {
        return mountPoint;
    }

    /** Unmounts (lazily if still busy) and removes the mount point. */
    @Override
    public void close() {
        if (mounted) {
            mounted = false;
            try {
                run("umount", mountPoint.toString());
            } catch (IllegalStateException busy) {
                run("umount", "-l", mountPoint.toString());
            }
        }
        try {
            Files.deleteIfExists(mountPoint);
        } catch (IOException e) {
            System.err.println("[faults] cannot remove " + mountPoint + ": " + e.getMessage());
        }
    }

    private static void run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", List.of(command)) + " failed: " + out.trim());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + command[0], e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command[0], e);
        }
    }
}
