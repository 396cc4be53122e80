package io.pilothouse.services.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class PrivateFilesTest {

    @TempDir
    Path dir;

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void atomicWriteCreatesParentsPrivatelyAndTheFileMode0600() throws Exception {
        Path target = dir.resolve("a/b/file.txt");

        PrivateFiles.writeAtomically(target, "hello".getBytes(StandardCharsets.UTF_8));

        assertThat(target).hasContent("hello");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b"))))
                .isEqualTo("rwx------");
    }

    @Test
    void atomicWriteReplacesTheOldContentAndLeavesNoTemporaryFile() throws Exception {
        Path target = dir.resolve("file.txt");
        Files.writeString(target, "old content that is longer");

        PrivateFiles.writeAtomically(target, "new".getBytes(StandardCharsets.UTF_8));

        assertThat(target).hasContent("new");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }
}
