package io.pilothouse.app.cli;

import io.pilothouse.services.platform.InputFiles;

import java.nio.file.Path;

/** File-valued options checked before anything is read from the network: bad paths are bad input (exit 2). */
final class FileOptions {

    private FileOptions() {
    }

    /** Refuses an output path that is a directory, a device or a pipe, or whose directory is missing. */
    static void checkOutput(Path file, String option) {
        if (file == null) {
            return;
        }
        try {
            InputFiles.checkWritable(file, option);
        } catch (InputFiles.InputFileException e) {
            throw new UserException(e.getMessage(), 2);
        }
    }
}
