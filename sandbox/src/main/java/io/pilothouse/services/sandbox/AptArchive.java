package io.pilothouse.services.sandbox;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The Debian archive this machine's apt already uses, read from its sources ({@code sources.list} and
 * {@code sources.list.d/*.list|*.sources}), so a download for another suite goes to the same mirror, proxy or
 * snapshot the machine is set up for. Nothing is written here.
 */
final class AptArchive {

    /** Suites that name the main Debian archive (not security, updates, backports or a third-party repository). */
    private static final Set<String> DEBIAN_SUITES = Set.of("bookworm", "trixie", "forky", "bullseye", "stable",
            "oldstable", "testing", "unstable", "sid");

    private AptArchive() {}

    /** The archive URI (e.g. {@code http://mirror/debian}) listed under {@code aptDir}, usually {@code /etc/apt}. */
    static Optional<String> debianUri(Path aptDir) {
        List<String> candidates = new ArrayList<>();
        Path list = aptDir.resolve("sources.list");
        if (Files.isRegularFile(list)) {
            candidates.addAll(fromOneLineFormat(read(list)));
        }
        Path parts = aptDir.resolve("sources.list.d");
        if (Files.isDirectory(parts)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(parts)) {
                List<Path> sorted = new ArrayList<>();
                files.forEach(sorted::add);
                sorted.sort(null);
                for (Path f : sorted) {
                    String name = f.getFileName().toString();
                    if (name.endsWith(".list")) {
                        candidates.addAll(fromOneLineFormat(read(f)));
                    } else if (name.endsWith(".sources")) {
                        candidates.addAll(fromDeb822(read(f)));
                    }
                }
            } catch (IOException e) {
                throw new SandboxException("Cannot list " + parts + ": " + e.getMessage(), e);
            }
        }
        return candidates.stream().findFirst();
    }

    /** {@code deb [options] URI SUITE COMPONENTS…} lines. */
    static List<String> fromOneLineFormat(String text) {
        List<String> uris = new ArrayList<>();
        for (String raw : text.lines().toList()) {
            String line = raw.replaceAll("#.*", "").replaceAll("\\[[^]]*]", " ").trim();
            String[] words = line.split("\\s+");
            if (words.length >= 3 && words[0].equals("deb") && isDebianSuite(words[2])) {
                uris.add(stripSlash(words[1]));
            }
        }
        return uris;
    }

    /** Stanzas of {@code Types: deb}, {@code URIs:}, {@code Suites:}, separated by blank lines. */
    static List<String> fromDeb822(String text) {
        List<String> uris = new ArrayList<>();
        for (String stanza : text.split("\\n\\s*\\n")) {
            String types = field(stanza, "Types");
            String suites = field(stanza, "Suites");
            String uriField = field(stanza, "URIs");
            boolean enabled = !"no".equalsIgnoreCase(field(stanza, "Enabled"));
            if (!enabled || types == null || suites == null || uriField == null
                    || !Arrays.asList(types.split("\\s+")).contains("deb")
                    || Arrays.stream(suites.split("\\s+")).noneMatch(AptArchive::isDebianSuite)) {
                continue;
            }
            Arrays.stream(uriField.split("\\s+")).filter(u -> !u.isBlank()).map(AptArchive::stripSlash)
                    .forEach(uris::add);
        }
        return uris;
    }

    private static String field(String stanza, String name) {
        for (String line : stanza.lines().toList()) {
            if (line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    private static boolean isDebianSuite(String suite) {
        return DEBIAN_SUITES.contains(suite.toLowerCase(Locale.ROOT));
    }

    private static String stripSlash(String uri) {
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new SandboxException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
