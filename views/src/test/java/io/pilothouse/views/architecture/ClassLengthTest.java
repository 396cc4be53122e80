package io.pilothouse.views.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Small classes with one job (style.md): no class of the views module is over {@value #MAX_LINES} lines. A class
 * that grows past it is split along its concerns (a view model, a page, a table), not trimmed of its comments.
 */
class ClassLengthTest {

    static final int MAX_LINES = 300;

    @Test
    void noViewClassIsOverThreeHundredLines() throws IOException {
        Path sources = Path.of("src", "main", "java");
        assertThat(sources).as("run from the views module").isDirectory();
        List<String> tooLong;
        try (Stream<Path> files = Files.walk(sources)) {
            tooLong = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> lines(f) > MAX_LINES)
                    .map(f -> sources.relativize(f) + " (" + lines(f) + " lines)")
                    .sorted().toList();
        }
        assertThat(tooLong).as("view classes over %d lines: split them along their concerns", MAX_LINES).isEmpty();
    }

    private static long lines(Path f) {
        try (Stream<String> l = Files.lines(f)) {
            return l.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
