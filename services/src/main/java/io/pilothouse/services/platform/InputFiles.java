package io.pilothouse.services.platform;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads a small input file (a workspace, a rule file, a pgpass file) safely: only a regular file, and never more
 * than a cap, checked before parsing. {@code /dev/zero} would otherwise fill the heap and a FIFO would block forever.
 * Output paths are checked by {@link #checkWritable(Path, String)} for the same reasons.
 */
public final class InputFiles {

    /** The cap for hand-written configuration files: far above any real one, far below the heap. */
    public static final long CONFIG_MAX_BYTES = 1024 * 1024;

    private InputFiles() {
    }

    /** An input file that cannot be used, said in one line: what is wrong with which file and what to do. */
    public static final class InputFileException extends IOException {
        private final String problem;

        InputFileException(String what, Path file, String problem, Throwable cause) {
            super(what + " " + file + " " + problem, cause);
            this.problem = problem;
        }

        /** What is wrong, without the file's name ("does not exist; check the path"). */
        public String problem() {
            return problem;
        }
    }

    /**
     * The bytes of {@code file}, at most {@code maxBytes}.
     *
     * @param what what the file is for, in words ("workspace file")
     * @throws InputFileException when it is missing, not a regular file, too big or unreadable
     */
    public static byte[] read(Path file, long maxBytes, String what) throws InputFileException {
        checkReadable(file, maxBytes, what);
        try (InputStream in = Files.newInputStream(file)) {
            // Bounded even if the file grows between the check and the read.
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw tooBig(file, maxBytes, what);
            }
            return bytes;
        } catch (InputFileException e) {
            throw e;
        } catch (AccessDeniedException e) {
            throw new InputFileException(what, file, "cannot be read: permission denied; check the "
                    + "file's owner and mode", e);
        } catch (IOException e) {
            throw new InputFileException(what, file, "cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** Checks {@code file} is an existing regular file of at most {@code maxBytes}, without opening it. */
    public static void checkReadable(Path file, long maxBytes, String what) throws InputFileException {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new InputFileException(what, file, "does not exist; check the path", e);
        } catch (IOException e) {
            throw new InputFileException(what, file, "cannot be read (" + e.getMessage() + ")", e);
        }
        if (attrs.isDirectory()) {
            throw new InputFileException(what, file, "is a directory; name the file itself", null);
        }
        if (!attrs.isRegularFile()) {
            throw new InputFileException(what, file, "is not a regular file (a device, a pipe or a "
                    + "socket); name a regular file", null);
        }
        if (attrs.size() > maxBytes) {
            throw tooBig(file, maxBytes, what);
        }
    }

    /**
     * Checks that {@code file} can be written as an output: its directory exists and, if it exists, it is a regular
     * file (writing into a FIFO would block, into a directory fails late).
     */
    public static void checkWritable(Path file, String what) throws InputFileException {
        Path abs = file.toAbsolutePath();
        if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS) || Files.exists(abs)) {
            if (Files.isDirectory(abs)) {
                throw new InputFileException(what, file, "is a directory; name a file in it", null);
            }
            if (!Files.isRegularFile(abs)) {
                throw new InputFileException(what, file, "exists and is not a regular file (a device, a "
                        + "pipe or a socket); name a regular file", null);
            }
        }
        Path parent = abs.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new InputFileException(what, file, "is in " + parent + ", which does not exist; create "
                    + "it first", null);
        }
    }

    private static InputFileException tooBig(Path file, long maxBytes, String what) {
        return new InputFileException(what, file, "is larger than " + (maxBytes / 1024) + " KiB; a "
                + what + " is a small text file, check the path", null);
    }
}
