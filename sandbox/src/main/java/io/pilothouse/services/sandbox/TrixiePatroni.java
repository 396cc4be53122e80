package io.pilothouse.services.sandbox;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Patroni 4 from Debian 13 (trixie)'s {@code patroni} package, which is architecture-independent Python and runs on
 * Debian 12's python3 with the modules Debian 12's own {@code patroni} package pulls in.
 *
 * <p>On first use the package is fetched with {@code apt-get download} through a private apt configuration (its own
 * sources list naming trixie on the mirror this machine's apt already uses, its own lists, cache and state under the
 * cache directory), so the machine's apt sources and installed packages never change; it is unpacked with
 * {@code dpkg-deb -x}, checked with {@code patroni --version} run as the sandbox user, and kept. Later sandboxes reuse
 * it without any network. Concurrent JVMs (test runs, colleagues' sandboxes) serialise on a lock file, and the
 * unpacked tree appears under its final name only once complete.
 */
final class TrixiePatroni {

    static final String SUITE = "trixie";
    private static final String PACKAGE = "patroni";
    private static final String READY_FILE = "READY";
    private static final String KEYRING = "/usr/share/keyrings/debian-archive-keyring.gpg";
    private static final Duration UPDATE_LIMIT = Duration.ofMinutes(3);
    private static final Duration DOWNLOAD_LIMIT = Duration.ofMinutes(2);
    private static final Duration LOCAL_LIMIT = Duration.ofSeconds(60);
    private static final Pattern VERSION_FIELD = Pattern.compile("(?m)^Version:\\s*(\\S+)");

    private final Path cacheRoot;
    private final Path aptDir;
    private final SandboxUser user;

    /**
     * @param cacheRoot where the unpacked package lives ({@code <cache>/patroni}); created if missing, world-readable
     * @param aptDir    the machine's apt configuration, read for its Debian mirror ({@code /etc/apt})
     * @param user      the sandbox user, who must be able to read and run what is unpacked
     */
    TrixiePatroni(Path cacheRoot, Path aptDir, SandboxUser user) {
        this.cacheRoot = cacheRoot;
        this.aptDir = aptDir;
        this.user = user;
    }

    /** Where the unpacked package lives once fetched. */
    Path home() {
        return cacheRoot.resolve(SUITE);
    }

    /** The unpacked Patroni 4, fetched now if it is not in the cache yet. */
    PatroniRuntime ensure(Consumer<String> progress) {
        Optional<PatroniRuntime> cached = cached();
        if (cached.isPresent()) {
            progress.accept("Using " + cached.get().describe());
            return cached.get();
        }
        directory(cacheRoot.getParent());
        directory(cacheRoot);
        try (FileChannel channel = FileChannel.open(cacheRoot.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            cached = cached();
            if (cached.isPresent()) {
                progress.accept("Using " + cached.get().describe() + " (fetched meanwhile by another process)");
                return cached.get();
            }
            return fetch(progress);
        } catch (IOException e) {
            throw new SandboxException("Cannot lock " + cacheRoot.resolve(".lock") + " to fetch Patroni 4: "
                    + e.getMessage(), e);
        }
    }

    /** The cached runtime, when a complete unpacked tree is there. */
    Optional<PatroniRuntime> cached() {
        Path ready = home().resolve(READY_FILE);
        if (!Files.isRegularFile(ready)) {
            return Optional.empty();
        }
        try {
            return Optional.of(runtime(home(), Files.readString(ready, StandardCharsets.UTF_8).trim()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private PatroniRuntime fetch(Consumer<String> progress) {
        String archive = AptArchive.debianUri(aptDir).orElseThrow(() -> new SandboxException(
                "Cannot fetch Patroni 4: no Debian archive is configured in " + aptDir + "/sources.list or "
                        + aptDir + "/sources.list.d (looked for a 'deb' entry of a Debian suite such as bookworm); "
                        + "add one, or use the default Patroni 3 (drop --patroni 4)"));
        Path work = tempDirectory();
        try {
            AptCommands apt = AptCommands.prepare(work, archive, Files.exists(Path.of(KEYRING)) ? KEYRING : null);
            progress.accept("fetching the Debian " + SUITE + " package index with a private apt configuration in "
                    + work + " …");
            ToolRun update = ToolRun.run(apt.command("apt-get", "update"), work, Map.of(), work.resolve("update.log"),
                    UPDATE_LIMIT);
            String version = candidateVersion(apt, work).orElseThrow(() -> unreachable(archive, update));
            if (!version.startsWith("4.")) {
                throw new SandboxException("Debian " + SUITE + " offers patroni " + version + ", not a 4.x; cannot "
                        + "start a Patroni 4 sandbox");
            }
            String upstream = upstreamVersion(version);
            progress.accept("fetching Patroni " + upstream + " from Debian " + SUITE + " …");
            Path downloads = directory(work.resolve("download"));
            ToolRun download = ToolRun.run(apt.command("apt-get", "download", PACKAGE + "=" + version), downloads,
                    Map.of(), work.resolve("download.log"), DOWNLOAD_LIMIT);
            Path deb = onlyDeb(downloads).orElseThrow(() -> new SandboxException("apt-get download " + PACKAGE + "="
                    + version + " from Debian " + SUITE + " failed (exit " + download.exitCode() + "):\n"
                    + download.tail(8) + "\nIs " + archive + " reachable from this machine?"));
            Path unpacked = directory(work.resolve("root"));
            ToolRun extract = ToolRun.run(List.of("dpkg-deb", "-x", deb.toString(), unpacked.toString()), work,
                    Map.of(), work.resolve("extract.log"), LOCAL_LIMIT);
            if (!extract.succeeded()) {
                throw new SandboxException("dpkg-deb -x " + deb.getFileName() + " failed (exit " + extract.exitCode()
                        + "):\n" + extract.tail(8));
            }
            PatroniRuntime runtime = runtime(unpacked, upstream);
            checkVersion(runtime, unpacked, work.resolve("version.log"));
            Files.writeString(unpacked.resolve(READY_FILE), upstream + "\n", StandardCharsets.UTF_8);
            install(unpacked);
            progress.accept("unpacked into " + home() + " (Patroni " + upstream + ", patroni --version checked as user "
                    + user.name() + ")");
            return runtime(home(), upstream);
        } catch (IOException e) {
            throw new SandboxException("Cannot fetch Patroni 4 into " + cacheRoot + ": " + e.getMessage(), e);
        } finally {
            try {
                SandboxDirectory.deleteRecursively(work);
            } catch (SandboxException e) {
                progress.accept("could not remove " + work + ": " + e.getMessage());
            }
        }
    }

    private Optional<String> candidateVersion(AptCommands apt, Path work) {
        ToolRun show = ToolRun.run(apt.command("apt-cache", "show", "--no-all-versions", PACKAGE), work, Map.of(),
                work.resolve("show.log"), LOCAL_LIMIT);
        Matcher m = VERSION_FIELD.matcher(show.output());
        return show.succeeded() && m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static SandboxException unreachable(String archive, ToolRun update) {
        return new SandboxException("Cannot fetch Patroni 4: the Debian " + SUITE + " package index did not load from "
                + archive + " (apt-get update exit " + update.exitCode() + "):\n" + update.tail(6)
                + "\nCheck that this machine reaches " + archive + " (network, proxy), or use the default Patroni 3 "
                + "(drop --patroni 4)");
    }

    /** Runs {@code patroni --version} as the sandbox user: proves the tree is complete, importable and readable. */
    private void checkVersion(PatroniRuntime runtime, Path unpacked, Path log) {
        List<String> command = new ArrayList<>(user.asUser(List.of(PatroniRuntime.SYSTEM_PYTHON,
                runtime.executable(), "--version")));
        ToolRun version = ToolRun.run(command, unpacked, runtime.environment(), log, LOCAL_LIMIT);
        String expected = "patroni " + runtime.version();
        if (!version.succeeded() || !version.output().contains(expected)) {
            throw new SandboxException("The unpacked Patroni does not run: '" + PatroniRuntime.SYSTEM_PYTHON + " "
                    + runtime.executable() + " --version' as user " + user.name() + " printed:\n" + version.tail(8)
                    + "\n(expected '" + expected + "'; it needs Debian 12's patroni package installed for its "
                    + "Python modules)");
        }
    }

    private void install(Path unpacked) throws IOException {
        Path home = home();
        if (Files.exists(home)) {
            // Only a complete tree is ever renamed into place; anything else there is debris of a crash.
            SandboxDirectory.deleteRecursively(home);
        }
        try {
            Files.move(unpacked, home, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(unpacked, home);
        }
    }

    private static PatroniRuntime runtime(Path root, String version) {
        return new PatroniRuntime(version, root.resolve("usr/bin/patroni").toString(),
                root.resolve("usr/lib/python3/dist-packages").toString());
    }

    /** {@code 4.0.7-3~deb13u1} → {@code 4.0.7}; an epoch ({@code 1:}) is dropped too. */
    static String upstreamVersion(String debianVersion) {
        String v = debianVersion.contains(":") ? debianVersion.substring(debianVersion.indexOf(':') + 1)
                : debianVersion;
        int dash = v.lastIndexOf('-');
        return dash > 0 ? v.substring(0, dash) : v;
    }

    private static Optional<Path> onlyDeb(Path dir) throws IOException {
        try (DirectoryStream<Path> debs = Files.newDirectoryStream(dir, PACKAGE + "_*.deb")) {
            for (Path deb : debs) {
                return Optional.of(deb);
            }
        }
        return Optional.empty();
    }

    private Path tempDirectory() {
        try {
            Path work = Files.createTempDirectory(cacheRoot, "fetch-");
            // The sandbox user runs 'patroni --version' from in here.
            Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
            return work;
        } catch (IOException e) {
            throw new SandboxException("Cannot create a directory under " + cacheRoot + ": " + e.getMessage(), e);
        }
    }

    private static Path directory(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            return dir;
        } catch (IOException e) {
            throw new SandboxException("Cannot create " + dir + ": " + e.getMessage()
                    + " (the Patroni 4 cache must be writable)", e);
        }
    }
}
